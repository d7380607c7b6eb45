package io.hyperrep.service.settings;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/OPERATIONS.md's settings tables are the registry's: this fails when they differ. Regenerate them with
 * {@code mvn -o -q test -pl shared/service -am -Dtest=SettingsTableTest -Dsurefire.failIfNoSpecifiedTests=false -Dsettings.table.write=true}.
 */
class SettingsTableTest {

    private static final Path OPERATIONS = Path.of("../../docs/OPERATIONS.md"); // tests run in the module's directory

    @Test
    void shouldMatchTheSettingsTablesOfTheOperationsGuide() throws Exception {
        String committed = Files.readString(OPERATIONS, StandardCharsets.UTF_8);
        String generated = SettingsTable.regenerated(committed);
        if (Boolean.getBoolean("settings.table.write") && !generated.equals(committed)) {
            Files.writeString(OPERATIONS, generated, StandardCharsets.UTF_8);
            return;
        }
        if (!generated.equals(committed)) {
            fail(
                    "docs/OPERATIONS.md's settings tables differ from the settings registry (io.hyperrep.service.settings) at "
                            + firstDifference(generated, committed)
                            + "; regenerate them: mvn -o -q test -pl shared/service -am -Dtest=SettingsTableTest "
                            + "-Dsurefire.failIfNoSpecifiedTests=false -Dsettings.table.write=true");
        }
    }

    private static String firstDifference(String generated, String committed) {
        List<String> g = generated.lines().toList();
        List<String> c = committed.lines().toList();
        for (int i = 0; i < Math.max(g.size(), c.size()); i++) {
            String want = i < g.size() ? g.get(i) : "(end)";
            String have = i < c.size() ? c.get(i) : "(end)";
            if (!want.equals(have)) {
                return "line " + (i + 1) + ": the registry gives\n  " + want + "\nthe document has\n  " + have + "\n";
            }
        }
        return "the line ends";
    }

    @Test
    void shouldListEverySettingWithItsDefaultAndItsDeprecatedKey() {
        String table = SettingsTable.markdown();
        for (Setting<?> s : SettingsRegistry.all()) {
            assertTrue(table.contains("| `" + s.key() + "` | "), s.key());
        }
        assertTrue(table.contains("| `kafka.partitions` | 4 | integer 1..1024 | all | "), table);
        assertTrue(
                table.contains("| `trainer.retry.pause` | `5s` | duration 0ms..1m | trainer | ")
                        && table.contains("`trainer.retry.pause.ms`"),
                table);
        assertTrue(table.contains("| `kafka.client.*` | none | text | all | "), table);
        assertTrue(table.contains("| `HYPERREP_JAVA_OPTS` | "), table);
    }
}
