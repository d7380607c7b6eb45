package io.hyperrep.core.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module rules of docs/MODULES.md that live in the poms rather than in imports (Checkstyle's import control
 * sees only {@code import} lines): each {@code services/<name>} is one service, artifact
 * {@code hyperrep-service-<name>}, and depends on no other service; nothing under {@code shared/} depends on a
 * service; only {@code deploy/launcher} assembles them.
 */
class ModuleGraphTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*(?:<!--.*?-->\\s*)*<groupId>io\\.hyperrep</groupId>\\s*<artifactId>([^<]+)</artifactId>",
            Pattern.DOTALL);
    private static final Pattern ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");

    @Test
    void servicesStandAloneAndOnlyTheLauncherAssemblesThem() throws IOException {
        Path root = RepositoryReferences.findRoot();
        List<String> problems = problems(root);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(
                modules(root).keySet().stream()
                                .filter(m -> m.startsWith("services/"))
                                .count()
                        >= 6,
                "read the six service modules: " + modules(root).keySet());
    }

    /** A small repository that breaks each rule once, so the checker itself is tested. */
    @Test
    void reportsEachBrokenRule(@TempDir Path repo) throws IOException {
        write(
                repo,
                "pom.xml",
                "<modules><module>shared/zoo</module><module>services/ingest</module>"
                        + "<module>services/sampler</module><module>services/registry</module><module>deploy/launcher</module></modules>");
        write(repo, "shared/zoo/pom.xml", pom("hyperrep-zoo", "hyperrep-service-ingest"));
        write(repo, "services/ingest/pom.xml", pom("hyperrep-service-ingest", "hyperrep-service"));
        write(repo, "services/sampler/pom.xml", pom("hyperrep-service-sampler", "hyperrep-service-ingest"));
        write(repo, "services/registry/pom.xml", pom("hyperrep-registry", "hyperrep-zoo"));
        write(repo, "deploy/launcher/pom.xml", pom("hyperrep-launcher", "hyperrep-service-ingest"));
        assertEquals(
                List.of(
                        "services/registry: its artifact is hyperrep-registry, not hyperrep-service-registry (serve registry deploys services/registry)",
                        "services/sampler depends on the service hyperrep-service-ingest",
                        "shared/zoo depends on the service hyperrep-service-ingest"),
                problems(repo));
    }

    static List<String> problems(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> module : modules(root).entrySet()) {
            String dir = module.getKey();
            String pom = module.getValue();
            if (dir.startsWith("services/")) {
                String expected = "hyperrep-service-" + dir.substring("services/".length());
                Matcher artifact = ARTIFACT.matcher(pom);
                String actual = artifact.find() ? artifact.group(1) : "(none)";
                if (!actual.equals(expected)) {
                    problems.add(dir + ": its artifact is " + actual + ", not " + expected + " (serve "
                            + dir.substring("services/".length()) + " deploys " + dir + ")");
                }
            }
            if (dir.equals("deploy/launcher")) {
                continue;
            }
            Matcher dependency = DEPENDENCY.matcher(pom);
            while (dependency.find()) {
                if (dependency.group(1).startsWith("hyperrep-service-")) {
                    problems.add(dir + " depends on the service " + dependency.group(1));
                }
            }
        }
        return problems;
    }

    /** The reactor's modules (root pom.xml), each with its pom's text, by directory. */
    private static Map<String, String> modules(Path root) throws IOException {
        Map<String, String> modules = new TreeMap<>();
        Matcher module = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (module.find()) {
            String dir = module.group(1).trim();
            modules.put(dir, Files.readString(root.resolve(dir).resolve("pom.xml")));
        }
        return modules;
    }

    private static String pom(String artifact, String dependency) {
        return "<project><parent><artifactId>hyperrep-parent</artifactId></parent><artifactId>" + artifact
                + "</artifactId><dependencies><dependency><groupId>io.hyperrep</groupId><artifactId>" + dependency
                + "</artifactId></dependency></dependencies></project>";
    }

    private static void write(Path root, String file, String text) throws IOException {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), text);
    }
}
