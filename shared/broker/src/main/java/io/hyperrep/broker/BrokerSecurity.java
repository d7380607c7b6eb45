package io.hyperrep.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the local broker's client listener asks of a client: nothing (plaintext, the default),
 * SASL/SCRAM-SHA-512 credentials of the given users, or TLS with a server certificate from a PKCS12
 * keystore. With SASL or TLS the broker keeps a second, plaintext listener on localhost for itself
 * (inter-broker traffic); clients are only told about the secured one. Handed to the broker JVM as a
 * file readable by its owner only, never on the command line.
 */
public sealed interface BrokerSecurity {

    String MECHANISM = "SCRAM-SHA-512";

    /** No authentication, no encryption. */
    record Plaintext() implements BrokerSecurity {}

    /** SASL_PLAINTEXT with SCRAM-SHA-512; {@code users} maps user names to passwords, created when the data directory is formatted. */
    record Scram(Map<String, String> users) implements BrokerSecurity {
        public Scram {
            users = Map.copyOf(users);
            for (var u : users.entrySet()) {
                if (!u.getKey().matches("[A-Za-z0-9_.-]+") || !u.getValue().matches("[A-Za-z0-9_.-]+")) {
                    throw new IllegalArgumentException(
                            "SCRAM user names and passwords of the local broker are letters, digits, '_', '.', '-'");
                }
            }
        }
    }

    /** SSL with the certificate and key of a PKCS12 keystore (its key has the keystore's password). */
    record Tls(Path keystore, String password) implements BrokerSecurity {}

    static BrokerSecurity plaintext() {
        return new Plaintext();
    }

    /** The listener's security protocol, as a client names it in {@code security.protocol}. */
    default String protocol() {
        if (this instanceof Scram) {
            return "SASL_PLAINTEXT";
        }
        return this instanceof Tls ? "SSL" : "PLAINTEXT";
    }

    // ---- the file the broker JVM reads ----

    /** Writes this to {@code file} (owner read/write only). */
    default void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("protocol", protocol());
        if (this instanceof Scram s) {
            s.users().forEach((u, pw) -> p.setProperty("scram.user." + u, pw));
        } else if (this instanceof Tls t) {
            p.setProperty("keystore", t.keystore().toAbsolutePath().toString());
            p.setProperty("password", t.password());
        }
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the temporary data directory is the user's own
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "hyperrep local broker security");
        }
    }

    /** Reads what {@link #write} wrote. */
    static BrokerSecurity read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return switch (p.getProperty("protocol", "PLAINTEXT")) {
            case "SASL_PLAINTEXT" -> {
                Map<String, String> users = new LinkedHashMap<>();
                p.stringPropertyNames().stream()
                        .filter(k -> k.startsWith("scram.user."))
                        .sorted()
                        .forEach(k -> users.put(k.substring("scram.user.".length()), p.getProperty(k)));
                yield new Scram(users);
            }
            case "SSL" -> new Tls(Path.of(p.getProperty("keystore")), p.getProperty("password"));
            default -> new Plaintext();
        };
    }

    /** Arguments of {@code kafka-storage format} that create the SCRAM users in the cluster's first metadata. */
    default List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        if (this instanceof Scram s) {
            s.users().forEach((u, pw) -> {
                args.add("--add-scram");
                args.add(MECHANISM + "=[name=" + u + ",password=" + pw + "]");
            });
        }
        return args;
    }
}
