package io.hyperrep.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority, a broker certificate for {@code localhost} it signed, and two PKCS12
 * truststores: one trusting that CA, one trusting an unrelated CA (a client with the wrong trust).
 * Made with the JDK's {@code keytool}, so tests need nothing beyond the JDK; valid for two days.
 *
 * @param brokerKeystore the broker's key and certificate chain (PKCS12, {@code password})
 * @param truststore     trusts the broker's CA
 * @param wrongTruststore trusts another CA only
 * @param password       of every store and key
 */
public record TestCertificates(Path brokerKeystore, Path truststore, Path wrongTruststore, String password) {

    /** Generates the stores in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String pw = "test-store-password";
        Path ca = dir.resolve("ca.p12");
        Path broker = dir.resolve("broker.p12");
        Path trust = dir.resolve("truststore.p12");
        Path otherCa = dir.resolve("other-ca.p12");
        Path wrongTrust = dir.resolve("wrong-truststore.p12");
        keyPair(ca, "ca", "CN=hyperrep test CA", pw, "bc:c");
        keyPair(otherCa, "ca", "CN=some other CA", pw, "bc:c");
        keyPair(broker, "broker", "CN=localhost", pw, null);
        Path csr = dir.resolve("broker.csr");
        Path crt = dir.resolve("broker.crt");
        Path caCrt = dir.resolve("ca.crt");
        Path otherCaCrt = dir.resolve("other-ca.crt");
        keytool(
                "-certreq",
                "-alias",
                "broker",
                "-keystore",
                broker.toString(),
                "-storepass",
                pw,
                "-file",
                csr.toString());
        keytool(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass",
                pw,
                "-infile",
                csr.toString(),
                "-outfile",
                crt.toString(),
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-rfc");
        exportCertificate(ca, "ca", caCrt, pw);
        exportCertificate(otherCa, "ca", otherCaCrt, pw);
        // the chain: the CA first, then the signed certificate replaces the self-signed one under the key's alias
        importCertificate(caCrt, "ca", broker, pw);
        importCertificate(crt, "broker", broker, pw);
        importCertificate(caCrt, "ca", trust, pw, "-storetype", "PKCS12");
        importCertificate(otherCaCrt, "ca", wrongTrust, pw, "-storetype", "PKCS12");
        return new TestCertificates(broker, trust, wrongTrust, pw);
    }

    private static void keyPair(Path store, String alias, String dname, String pw, String ext)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                dname,
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                pw,
                "-keypass",
                pw));
        if (ext != null) {
            args.add("-ext");
            args.add(ext);
        }
        keytool(args.toArray(String[]::new));
    }

    private static void exportCertificate(Path store, String alias, Path file, String pw)
            throws IOException, InterruptedException {
        keytool(
                "-exportcert",
                "-alias",
                alias,
                "-keystore",
                store.toString(),
                "-storepass",
                pw,
                "-rfc",
                "-file",
                file.toString());
    }

    /** {@code storeOptions}: how to create {@code store} when it does not exist yet (e.g. its type). */
    private static void importCertificate(Path file, String alias, Path store, String pw, String... storeOptions)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "-importcert", "-noprompt", "-alias", alias, "-file", file.toString(), "-keystore", store.toString()));
        args.addAll(List.of(storeOptions));
        args.add("-storepass");
        args.add(pw);
        keytool(args.toArray(String[]::new));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.add("-J-XX:TieredStopAtLevel=1"); // a dozen short JVMs: start-up dominates
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + out);
        }
    }
}
