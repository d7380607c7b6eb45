package io.hyperrep.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.testkit.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in deploy/grafana: every panel query is valid PromQL (promtool parses each as a
 * recording rule, with Grafana's interval variables replaced) and names only hyperrep meters that exist
 * (listed in docs/OPERATIONS.md's metric table, which MetricsExpositionIT and LoopIT hold to the real
 * scrape). Whether each query finds data on a running system is deploy/grafana/check-panels.py's job.
 */
class GrafanaDashboardTest {

    private static final Path REPO = repositoryRoot();
    private static final Pattern HYPERREP_METER = Pattern.compile("hyperrep_[a-z0-9_]+");
    /** Suffixes Prometheus adds to a Micrometer meter's name. */
    private static final Pattern SERIES_SUFFIX = Pattern.compile("_(bucket|count|sum|max)$");

    private final List<String> queries = panelQueries();

    @Test
    void everyPanelQueryShouldBeValidPromql(@TempDir Path dir) throws IOException {
        Promtool promtool = Promtool.require();
        assertTrue(queries.size() >= 15, "only " + queries.size() + " queries");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i)
                    .replace("$__rate_interval", "1m")
                    .replace("$__interval", "15s")
                    .replace("$__range", "1h");
            rules.append("      - record: dashboard:panel")
                    .append(i)
                    .append("\n        expr: ")
                    .append(new ObjectMapper().writeValueAsString(expr))
                    .append('\n');
        }
        Files.writeString(dir.resolve("dashboard-rules.yml"), rules);
        Promtool.Result r = promtool.run(dir, "", "check", "rules", "dashboard-rules.yml");
        assertEquals(0, r.exitCode(), promtool.version() + ": " + r.output());
    }

    @Test
    void everyHyperrepMeterItNamesShouldExist() throws IOException {
        String operations = Files.readString(REPO.resolve("docs/OPERATIONS.md"));
        Set<String> unknown = new TreeSet<>();
        for (String q : queries) {
            Matcher m = HYPERREP_METER.matcher(q);
            while (m.find()) {
                String series = m.group();
                String meter = SERIES_SUFFIX.matcher(series).replaceFirst("");
                if (!operations.contains("`" + series + "`")
                        && !operations.contains("`" + meter + "`")
                        && !operations.contains("`" + meter.replaceFirst("_total$", "") + "`")) {
                    unknown.add(series);
                }
            }
        }
        assertEquals(Set.of(), unknown, "meters the dashboard queries but docs/OPERATIONS.md does not list");
    }

    private static List<String> panelQueries() {
        try {
            JsonNode dashboard = new ObjectMapper()
                    .readTree(REPO.resolve("deploy/grafana/dashboards/hyperrep.json")
                            .toFile());
            List<String> out = new ArrayList<>();
            collect(dashboard.path("panels"), out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode panels, List<String> out) {
        for (JsonNode p : panels) {
            p.path("targets").forEach(t -> {
                if (t.hasNonNull("expr")) {
                    out.add(t.get("expr").asText());
                }
            });
            collect(p.path("panels"), out);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/grafana/dashboards/hyperrep.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("deploy/grafana/dashboards/hyperrep.json not found above "
                + Path.of("").toAbsolutePath());
    }
}
