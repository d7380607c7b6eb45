package io.hyperrep.launcher.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The scheduler's reading of required node affinity, for checking which nodes a manifest admits: the terms
 * are ORed, a term's expressions ANDed; {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist},
 * and {@code Gt}/{@code Lt} comparing integers (a missing or non-integer label fails them).
 */
record NodeAffinity(JsonNode nodeSelectorTerms) {

    boolean admits(Map<String, String> nodeLabels) {
        return StreamSupport.stream(nodeSelectorTerms.spliterator(), false).anyMatch(term -> StreamSupport.stream(
                        term.path("matchExpressions").spliterator(), false)
                .allMatch(e -> matches(e, nodeLabels)));
    }

    private static boolean matches(JsonNode expression, Map<String, String> labels) {
        String value = labels.get(expression.path("key").asText());
        JsonNode values = expression.path("values");
        boolean listed = value != null
                && StreamSupport.stream(values.spliterator(), false)
                        .anyMatch(v -> v.asText().equals(value));
        return switch (expression.path("operator").asText()) {
            case "In" -> listed;
            case "NotIn" -> !listed;
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> compare(value, values) > 0;
            case "Lt" -> compare(value, values) < 0;
            default -> throw new IllegalArgumentException("unknown operator " + expression.path("operator"));
        };
    }

    /** The label against the single value of Gt/Lt; 0 (so neither Gt nor Lt holds) when either is not an integer. */
    private static int compare(String value, JsonNode values) {
        try {
            return Long.compare(
                    Long.parseLong(value), Long.parseLong(values.path(0).asText()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
