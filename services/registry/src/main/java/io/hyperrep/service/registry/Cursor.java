package io.hyperrep.service.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the next page of a listing starts: after the last model of the previous page (its sort value
 * and id, which order every model uniquely), in the index as of the listing's first page ({@link AsOf}),
 * for the query it was made for. Opaque to clients: base64url of a small JSON document.
 *
 * @param after the last page's last sort value ({@code NaN} when that model had none)
 */
record Cursor(String shape, AsOf asOf, double after, String afterId) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    String encode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", VERSION);
        root.put("q", shape);
        ObjectNode at = root.putObject("at");
        ObjectNode g = at.putObject("g");
        asOf.generated().forEach((p, o) -> g.put(String.valueOf(p), o));
        ObjectNode e = at.putObject("e");
        asOf.evaluated().forEach((p, o) -> e.put(String.valueOf(p), o));
        if (Double.isNaN(after)) {
            root.putNull("k");
        } else {
            root.put("k", after);
        }
        root.put("id", afterId);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(root));
        } catch (IOException ex) {
            throw new IllegalStateException("cannot encode a cursor", ex);
        }
    }

    /**
     * The cursor of {@code text}, checked against the query it is used with.
     *
     * @throws InvalidQuery if it is not a cursor of this registry or was made for another query
     */
    static Cursor decode(String text, ModelQuery query) {
        JsonNode root;
        try {
            root = JSON.readTree(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
        if (root == null
                || root.path("v").asInt() != VERSION
                || !root.path("q").isTextual()
                || !root.path("id").isTextual()
                || !root.path("at").path("g").isObject()
                || !root.path("at").path("e").isObject()) {
            throw invalid();
        }
        if (!root.get("q").asText().equals(query.shape())) {
            throw new InvalidQuery(
                    "cursor",
                    "the cursor belongs to a listing with other filters or another order; keep them unchanged "
                            + "while paging (only limit may change)");
        }
        JsonNode k = root.get("k");
        if (k != null && !k.isNull() && !k.isNumber()) {
            throw invalid();
        }
        return new Cursor(
                root.get("q").asText(),
                new AsOf(
                        offsets(root.get("at").get("g")), offsets(root.get("at").get("e"))),
                k == null || k.isNull() ? Double.NaN : k.asDouble(),
                root.get("id").asText());
    }

    private static TreeMap<Integer, Long> offsets(JsonNode node) {
        TreeMap<Integer, Long> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().canConvertToLong()) {
                throw invalid();
            }
            try {
                m.put(Integer.parseInt(e.getKey()), e.getValue().asLong());
            } catch (NumberFormatException ex) {
                throw invalid();
            }
        }
        return m;
    }

    private static InvalidQuery invalid() {
        return new InvalidQuery(
                "cursor", "not a cursor of this registry: pass the nextCursor of a previous page unchanged");
    }

    @Override
    public String toString() {
        return new String(Base64.getUrlDecoder().decode(encode()), StandardCharsets.UTF_8);
    }
}
