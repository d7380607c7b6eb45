package io.hyperrep.core.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.puppycrawl.tools.checkstyle.Checker;
import com.puppycrawl.tools.checkstyle.ConfigurationLoader;
import com.puppycrawl.tools.checkstyle.PropertiesExpander;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.AuditListener;
import com.puppycrawl.tools.checkstyle.api.CheckstyleException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's Checkstyle configuration (.checkstyle/checkstyle.xml, run in every `mvn test`) enforces the layering
 * of docs/MODULES.md: sources that break it are reported, sources that keep it are not.
 */
class ImportControlTest {

    @TempDir
    Path module;

    @Test
    void shouldReportVertxImportedByCore() throws Exception {
        Path source = write(
                "src/main/java/io/hyperrep/core/stats/Leaky.java", "io.hyperrep.core.stats", "io.vertx.core.Vertx");
        List<String> problems = check(source);
        assertEquals(1, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).contains("Disallowed import - io.vertx.core.Vertx"), problems.get(0));
    }

    @Test
    void shouldAcceptCoreImportingOnlyTheJdkAndItself() throws Exception {
        Path source = write(
                "src/main/java/io/hyperrep/core/stats/Clean.java",
                "io.hyperrep.core.stats",
                "java.util.List",
                "io.hyperrep.core.arch.Architectures");
        assertEquals(List.of(), check(source));
    }

    @Test
    void shouldReportOneServiceModuleImportingAnother() throws Exception {
        Path source = write(
                "src/main/java/io/hyperrep/service/ingest/Leaky.java",
                "io.hyperrep.service.ingest",
                "io.hyperrep.service.registry.ModelIndex");
        List<String> problems = check(source);
        assertEquals(1, problems.size(), String.join("\n", problems));
        assertTrue(
                problems.get(0).contains("Disallowed import - io.hyperrep.service.registry.ModelIndex"),
                problems.get(0));
    }

    @Test
    void shouldLetTestsButNotMainCodeUseTheTestKit() throws Exception {
        String testKit = "io.hyperrep.testkit.KafkaForTests";
        assertEquals(
                List.of(),
                check(write("src/test/java/io/hyperrep/events/UsesKit.java", "io.hyperrep.events", testKit)));
        assertEquals(
                1,
                check(write("src/main/java/io/hyperrep/events/UsesKit.java", "io.hyperrep.events", testKit))
                        .size());
    }

    /** A class in {@code pkg} that uses each import, so only the import rules can object. */
    private Path write(String relative, String pkg, String... imports) throws IOException {
        StringBuilder java = new StringBuilder("package " + pkg + ";\n\n");
        for (String i : imports) {
            java.append("import ").append(i).append(";\n");
        }
        String name = relative.substring(relative.lastIndexOf('/') + 1, relative.length() - ".java".length());
        java.append("\n/** Uses its imports. */\npublic final class ")
                .append(name)
                .append(" {\n");
        for (int k = 0; k < imports.length; k++) {
            java.append("    private ")
                    .append(imports[k].substring(imports[k].lastIndexOf('.') + 1))
                    .append(" f")
                    .append(k)
                    .append(";\n");
        }
        java.append("}\n");
        Path file = module.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, java.toString());
        return file;
    }

    /** Runs the build's configuration on one file; the problems as "line: message". */
    private static List<String> check(Path source) throws CheckstyleException {
        Path configDir = RepositoryReferences.findRoot().resolve(".checkstyle");
        Properties properties = new Properties();
        properties.setProperty("config_loc", configDir.toString());
        Checker checker = new Checker();
        checker.setModuleClassLoader(Checker.class.getClassLoader());
        checker.configure(ConfigurationLoader.loadConfiguration(
                configDir.resolve("checkstyle.xml").toString(), new PropertiesExpander(properties)));
        List<String> problems = new ArrayList<>();
        checker.addListener(new AuditListener() {
            @Override
            public void addError(AuditEvent event) {
                problems.add(event.getLine() + ": " + event.getMessage());
            }

            @Override
            public void addException(AuditEvent event, Throwable throwable) {
                problems.add(event.getLine() + ": " + throwable);
            }

            @Override
            public void auditStarted(AuditEvent event) {}

            @Override
            public void auditFinished(AuditEvent event) {}

            @Override
            public void fileStarted(AuditEvent event) {}

            @Override
            public void fileFinished(AuditEvent event) {}
        });
        try {
            checker.process(List.<File>of(source.toFile()));
        } finally {
            checker.destroy();
        }
        return problems;
    }
}
