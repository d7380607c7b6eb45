package io.hyperrep.service.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A listing request: filters (zoo, autoencoder version, method, minimum test accuracy), order, page size,
 * and the cursor of a previous page. Filters compare whole values; {@code minAccuracy} keeps evaluated
 * models only. Without a cursor a listing starts at the index's current moment.
 */
record ModelQuery(
        String zoo,
        String version,
        String method,
        Double minAccuracy,
        Sort sort,
        boolean descending,
        int limit,
        String cursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final Set<String> PARAMETERS =
            Set.of("zoo", "version", "method", "minAccuracy", "sort", "order", "limit", "cursor");

    ModelQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQuery("limit", "limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (minAccuracy != null && !(minAccuracy >= 0 && minAccuracy <= 1)) {
            throw new InvalidQuery("minAccuracy", "minAccuracy must be a number in [0, 1], got " + minAccuracy);
        }
        Objects.requireNonNull(sort, "sort");
    }

    /** Everything but page size and cursor: what a cursor must have been made for. */
    String shape() {
        return String.join(
                "\u0001",
                String.valueOf(zoo),
                String.valueOf(version),
                String.valueOf(method),
                String.valueOf(minAccuracy),
                sort.id(),
                descending ? "desc" : "asc");
    }

    /**
     * The query of an HTTP request's parameters.
     *
     * @throws InvalidQuery for an unknown or repeated parameter or a value out of range
     */
    static ModelQuery parse(Map<String, List<String>> params) {
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(PARAMETERS);
        if (!unknown.isEmpty()) {
            throw new InvalidQuery(
                    unknown.iterator().next(),
                    "unknown parameter '" + unknown.iterator().next() + "'; known: "
                            + String.join(", ", new TreeSet<>(PARAMETERS)));
        }
        String sort = single(params, "sort");
        String order = single(params, "order");
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw new InvalidQuery("order", "order must be asc or desc, got '" + order + "'");
        }
        Sort s;
        try {
            s = sort == null ? Sort.TIME : Sort.parse(sort);
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery("sort", e.getMessage());
        }
        return new ModelQuery(
                name(params, "zoo"),
                name(params, "version"),
                name(params, "method"),
                number(params, "minAccuracy"),
                s,
                !"asc".equals(order),
                integer(params, "limit", DEFAULT_LIMIT),
                single(params, "cursor"));
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw new InvalidQuery(name, "parameter '" + name + "' is given " + v.size() + " times");
        }
        return v.get(0);
    }

    private static String name(Map<String, List<String>> params, String name) {
        String v = single(params, name);
        if (v != null && (v.isBlank() || v.length() > 256)) {
            throw new InvalidQuery(name, name + " must be 1..256 characters");
        }
        return v;
    }

    private static Double number(Map<String, List<String>> params, String name) {
        return parsed(params, name, Double::parseDouble, "a number");
    }

    private static int integer(Map<String, List<String>> params, String name, int fallback) {
        Integer v = parsed(params, name, Integer::parseInt, "an integer");
        return v == null ? fallback : v;
    }

    /** The parameter's value as {@code parse} reads it, null when absent; {@code what} names its form in the error. */
    private static <T> T parsed(Map<String, List<String>> params, String name, Function<String, T> parse, String what) {
        String v = single(params, name);
        if (v == null) {
            return null;
        }
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new InvalidQuery(name, name + " must be " + what + ", got '" + v + "'");
        }
    }
}
