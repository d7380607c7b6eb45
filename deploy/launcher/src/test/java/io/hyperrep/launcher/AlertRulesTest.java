package io.hyperrep.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.testkit.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules shipped in deploy/prometheus: valid ({@code promtool check rules}) and
 * doing what they exist for ({@code promtool test rules} on alerts.test.yml: each alert firing and not
 * firing, a counter first seen at 1, a service whose target left discovery).
 */
class AlertRulesTest {

    private final Path rules = deployDir();

    @Test
    void shouldBeValidRules() {
        Promtool promtool = Promtool.require();
        Promtool.Result r = promtool.run(rules, "", "check", "rules", "alerts.yml");
        assertEquals(0, r.exitCode(), promtool.version() + ": " + r.output());
    }

    @Test
    void shouldPassTheRuleUnitTests() {
        Promtool promtool = Promtool.require();
        Promtool.Result r = promtool.run(rules, "", "test", "rules", "alerts.test.yml");
        assertEquals(0, r.exitCode(), promtool.version() + ": " + r.output());
    }

    /** deploy/prometheus of the repository, found upwards from the module the test runs in. */
    private static Path deployDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy").resolve("prometheus");
            if (Files.isRegularFile(candidate.resolve("alerts.yml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "deploy/prometheus/alerts.yml not found above " + Path.of("").toAbsolutePath());
    }
}
