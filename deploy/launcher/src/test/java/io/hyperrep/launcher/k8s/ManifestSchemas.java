package io.hyperrep.launcher.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schemas of every kind the manifests use, committed in deploy/k8s/schemas (its README says where they
 * come from): Kubernetes 1.30's own objects, closed (an unknown field is an error, as the API server's strict
 * field validation makes it), and the Strimzi and Prometheus Operator CRDs. Works offline.
 */
final class ManifestSchemas {

    /** apiVersion/kind to the Kubernetes definition or the CRD schema file that describes it. */
    private static final Map<String, String> KUBERNETES = Map.of(
            "apps/v1/Deployment", "io.k8s.api.apps.v1.Deployment",
            "v1/Service", "io.k8s.api.core.v1.Service",
            "v1/ConfigMap", "io.k8s.api.core.v1.ConfigMap",
            "v1/Secret", "io.k8s.api.core.v1.Secret",
            "v1/PersistentVolumeClaim", "io.k8s.api.core.v1.PersistentVolumeClaim",
            "policy/v1/PodDisruptionBudget", "io.k8s.api.policy.v1.PodDisruptionBudget",
            "batch/v1/Job", "io.k8s.api.batch.v1.Job");

    private static final Map<String, String> CRDS = Map.of(
            "kafka.strimzi.io/v1beta2/KafkaTopic", "kafkatopic_v1beta2.json",
            "kafka.strimzi.io/v1beta2/KafkaUser", "kafkauser_v1beta2.json",
            "monitoring.coreos.com/v1/ServiceMonitor", "servicemonitor_v1.json",
            "monitoring.coreos.com/v1/PrometheusRule", "prometheusrule_v1.json");

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final ObjectMapper json = new ObjectMapper();
    private final Path dir;
    private final Map<String, JsonSchema> loaded = new HashMap<>();

    ManifestSchemas(Path dir) {
        this.dir = dir;
    }

    /** What is wrong with one object, each message naming its path; empty when it is valid. */
    List<String> problems(JsonNode object) {
        String type =
                object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        JsonSchema schema = schemaFor(type);
        if (schema == null) {
            return List.of(type + ": no schema in " + dir.getFileName() + " (add it with prune.py)");
        }
        return schema.validate(object).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private JsonSchema schemaFor(String type) {
        return loaded.computeIfAbsent(type, t -> {
            try {
                if (KUBERNETES.containsKey(t)) {
                    ObjectNode root = (ObjectNode)
                            json.readTree(dir.resolve("kubernetes.json").toFile());
                    root.put("$ref", "#/definitions/" + KUBERNETES.get(t));
                    return factory.getSchema(root);
                }
                if (CRDS.containsKey(t)) {
                    return factory.getSchema(
                            json.readTree(dir.resolve(CRDS.get(t)).toFile()));
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
