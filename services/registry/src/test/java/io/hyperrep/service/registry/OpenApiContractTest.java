package io.hyperrep.service.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hyperrep.events.ModelExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml says what the code does: paths, parameters, enums, limits and every error code the service answers with. */
class OpenApiContractTest {

    static final Path SPEC = Path.of("../../docs/openapi.yaml");
    static final Path VERTICLE = Path.of("src/main/java/io/hyperrep/service/registry/RegistryVerticle.java");

    static Set<String> texts(JsonNode array) {
        Set<String> s = new TreeSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    @Test
    void shouldDescribeTheEndpointsAsImplemented() throws Exception {
        JsonNode api = new ObjectMapper(new YAMLFactory()).readTree(SPEC.toFile());
        assertTrue(api.get("openapi").asText().startsWith("3."), "OpenAPI 3");
        assertEquals(
                Set.of("/api/models", "/api/models/{sampleId}", "/api/models/{sampleId}/weights", "/models"),
                fieldNames(api.get("paths")));
        JsonNode list = api.get("paths").get("/api/models").get("get");
        Set<String> params = new TreeSet<>();
        list.get("parameters").forEach(p -> params.add(p.get("name").asText()));
        assertEquals(new TreeSet<>(ModelQuery.PARAMETERS), params);
        for (JsonNode p : list.get("parameters")) {
            switch (p.get("name").asText()) {
                case "sort" ->
                    assertEquals(
                            texts(Arrays.stream(Sort.values()).map(Sort::id).toList()),
                            texts(p.get("schema").get("enum")));
                case "limit" -> {
                    assertEquals(
                            ModelQuery.MAX_LIMIT, p.get("schema").get("maximum").asInt());
                    assertEquals(
                            ModelQuery.DEFAULT_LIMIT,
                            p.get("schema").get("default").asInt());
                }
                default -> {
                    // free text or numbers, checked by the service
                }
            }
        }
        JsonNode format = api.get("paths")
                .get("/api/models/{sampleId}/weights")
                .get("get")
                .get("parameters")
                .get(1);
        assertEquals(
                texts(Arrays.stream(ModelExport.Format.values())
                        .map(ModelExport.Format::id)
                        .toList()),
                texts(format.get("schema").get("enum")));

        Set<String> documented = texts(api.get("components")
                .get("schemas")
                .get("Error")
                .get("properties")
                .get("error")
                .get("enum"));
        Matcher m = Pattern.compile("HttpErrors\\.reply\\(\\s*ctx,\\s*\\d+,\\s*\"([A-Z_]+)\"")
                .matcher(Files.readString(VERTICLE));
        Set<String> used = new HashSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertTrue(used.size() >= 5, "found the service's error codes: " + used);
        assertTrue(
                documented.containsAll(used),
                "every error code the service answers with is documented: " + used + " vs " + documented);
    }

    static Set<String> texts(java.util.List<String> l) {
        return new TreeSet<>(l);
    }

    static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
