package io.hyperrep.launcher.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hyperrep.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes overlays in deploy/k8s, rendered by {@code kubectl kustomize} as an operator would, and every
 * rendered object validated offline against its schema (deploy/k8s/schemas), plus the rules the manifests exist
 * to keep: restricted pods, startup probes and disruption budgets, the artifact volume only where it is used,
 * GPU trainers only on GPUs ND4J CUDA 11.6 runs on, Strimzi topics equal to the catalogue, the PrometheusRule
 * equal to deploy/prometheus/alerts.yml.
 */
class KubernetesManifestsTest {

    private static final Path REPO = repositoryRoot();
    private static final Path K8S = REPO.resolve("deploy").resolve("k8s");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();
    /** The services that use the artifact store (docs/OPERATIONS.md, "Shared artifact store"). */
    private static final Set<String> STORE_USERS = Set.of("trainer", "trainer-gpu", "sampler");

    private final ManifestSchemas schemas = new ManifestSchemas(K8S.resolve("schemas"));

    @ParameterizedTest
    @ValueSource(strings = {"cpu-only", "gpu", "strimzi"})
    void everyRenderedObjectShouldValidateAgainstItsSchema(String overlay) {
        List<JsonNode> objects = render(overlay);
        assertTrue(objects.size() >= 20, overlay + " rendered only " + objects.size() + " objects");
        List<String> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            schemas.problems(o).forEach(p -> problems.add(name(o) + ": " + p));
        }
        assertEquals(List.of(), problems, overlay);
    }

    @Test
    void shouldRejectAnObjectWithAnUnknownFieldOrAWrongType() {
        JsonNode trainer = find(render("cpu-only"), "Deployment", "trainer");
        assertEquals(List.of(), schemas.problems(trainer));

        ObjectNode misspelt = trainer.deepCopy();
        ((ObjectNode) misspelt.at("/spec/template/spec/containers/0"))
                .set("securityContex", misspelt.at("/spec/template/spec/containers/0/securityContext"));
        assertFalse(schemas.problems(misspelt).isEmpty(), "an unknown field passed");
        assertTrue(
                schemas.problems(misspelt).toString().contains("securityContex"),
                schemas.problems(misspelt).toString());

        ObjectNode wrongType = trainer.deepCopy();
        ((ObjectNode) wrongType.at("/spec")).put("replicas", "two");
        assertTrue(
                schemas.problems(wrongType).toString().contains("replicas"),
                schemas.problems(wrongType).toString());

        ObjectNode unknownKind = trainer.deepCopy();
        unknownKind.put("kind", "StatefulSet");
        assertFalse(schemas.problems(unknownKind).isEmpty(), "a kind without a schema passed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-only", "gpu", "strimzi"})
    void podsShouldRunRestrictedWithProbesAndDisruptionBudgets(String overlay) {
        List<JsonNode> objects = render(overlay);
        Set<String> budgeted = objects.stream()
                .filter(o -> o.path("kind").asText().equals("PodDisruptionBudget"))
                .map(o -> o.at("/spec/selector/matchLabels/app.kubernetes.io~1name")
                        .asText())
                .collect(Collectors.toSet());
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            if (!kind.equals("Deployment") && !kind.equals("Job")) {
                continue;
            }
            JsonNode pod = o.at("/spec/template/spec");
            String where = overlay + " " + name(o);
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), where + ": runAsNonRoot");
            assertEquals(
                    "RuntimeDefault",
                    pod.at("/securityContext/seccompProfile/type").asText(),
                    where);
            assertTrue(
                    pod.path("initContainers").isMissingNode(),
                    where + ": init containers (nothing is fetched at start)");
            for (JsonNode c : pod.path("containers")) {
                JsonNode sc = c.path("securityContext");
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), where + ": read-only root");
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), where + ": privilege escalation");
                assertEquals("[\"ALL\"]", sc.at("/capabilities/drop").toString(), where + ": capabilities");
                assertFalse(
                        c.at("/resources/limits/memory").isMissingNode(),
                        where + ": memory limit (the JVM sizes itself from it)");
                if (kind.equals("Deployment")) {
                    assertFalse(c.path("startupProbe").isMissingNode(), where + ": startup probe");
                }
            }
            if (kind.equals("Deployment")) {
                assertTrue(budgeted.contains(o.at("/metadata/name").asText()), where + ": no PodDisruptionBudget");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-only", "gpu", "strimzi"})
    void artifactVolumeShouldBeMountedOnlyByTrainersAndSamplers(String overlay) {
        List<JsonNode> objects = render(overlay);
        String mode = find(objects, "PersistentVolumeClaim", "hyperrep-artifacts")
                .at("/spec/accessModes/0")
                .asText();
        assertEquals(overlay.equals("gpu") ? "ReadWriteMany" : "ReadWriteOnce", mode, overlay);
        Set<String> mounting = new TreeSet<>();
        for (JsonNode o : objects) {
            JsonNode pod = o.at("/spec/template/spec");
            boolean mounts = StreamSupport.stream(pod.path("volumes").spliterator(), false)
                    .anyMatch(v -> v.has("persistentVolumeClaim"));
            if (mounts) {
                mounting.add(o.at("/metadata/name").asText());
                if (mode.equals("ReadWriteOnce")) {
                    // one node holds an RWO volume: every pod that mounts it must be scheduled there
                    assertEquals(
                            "kubernetes.io/hostname",
                            pod.at("/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/0/topologyKey")
                                    .asText(),
                            overlay + " " + name(o) + ": no same-node affinity for the ReadWriteOnce store");
                }
            }
        }
        assertTrue(STORE_USERS.containsAll(mounting), overlay + ": " + mounting);
        assertTrue(mounting.containsAll(Set.of("trainer", "sampler")), overlay + ": " + mounting);
    }

    @Test
    void gpuTrainersShouldOnlyLandOnGpusUpToComputeCapability86() {
        JsonNode terms = find(render("gpu"), "Deployment", "trainer-gpu")
                .at(
                        "/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms");
        NodeAffinity affinity = new NodeAffinity(terms);
        for (String ok : List.of("3.7", "6.1", "7.0", "7.5", "8.0", "8.6")) {
            assertTrue(affinity.admits(gpuNode(ok)), "compute capability " + ok + " refused");
        }
        for (String no : List.of("8.7", "8.9", "9.0", "10.0", "12.0")) {
            assertFalse(affinity.admits(gpuNode(no)), "compute capability " + no + " admitted");
        }
        assertFalse(affinity.admits(Map.of()), "a node without GPU labels admitted");
    }

    @Test
    void strimziTopicsShouldBeTheCatalogueAndOwnedByTheOperator() {
        List<JsonNode> objects = render("strimzi");
        Set<String> topics = objects.stream()
                .filter(o -> o.path("kind").asText().equals("KafkaTopic"))
                .map(o -> o.at("/spec/topicName").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Topics.all()), topics);
        assertEquals(
                "false",
                find(objects, "ConfigMap", "hyperrep")
                        .at("/data/HYPERREP_KAFKA_TOPICS_CREATE")
                        .asText());
        String acls = find(objects, "KafkaUser", "hyperrep")
                .at("/spec/authorization/acls")
                .toString();
        assertFalse(acls.contains("Create") || acls.contains("All"), acls);
    }

    @Test
    void prometheusRuleShouldCarryTheAlertsOfDeployPrometheus() throws IOException {
        JsonNode alerts =
                YAML.readTree(REPO.resolve("deploy/prometheus/alerts.yml").toFile());
        JsonNode rule = find(render("cpu-only"), "PrometheusRule", "hyperrep");
        assertEquals(alerts.path("groups"), rule.at("/spec/groups"));
    }

    private static Map<String, String> gpuNode(String capability) {
        String[] mm = capability.split("\\.");
        return Map.of(
                "nvidia.com/gpu.present",
                "true",
                "nvidia.com/gpu.compute.major",
                mm[0],
                "nvidia.com/gpu.compute.minor",
                mm[1]);
    }

    private static List<JsonNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> {
            String yaml = Kubectl.require().kustomize(K8S.resolve("overlays").resolve(o));
            try {
                List<JsonNode> objects = new ArrayList<>();
                for (JsonNode n : YAML.readerFor(JsonNode.class).readValues(yaml).readAll().stream()
                        .map(JsonNode.class::cast)
                        .toList()) {
                    if (n != null && !n.isNull() && !n.isEmpty()) {
                        objects.add(n);
                    }
                }
                return objects;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static String name(JsonNode o) {
        return o.path("kind").asText() + " " + o.at("/metadata/name").asText();
    }

    /** The repository root, found upwards from the module the test runs in. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy").resolve("k8s").resolve("overlays"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "deploy/k8s/overlays not found above " + Path.of("").toAbsolutePath());
    }
}
