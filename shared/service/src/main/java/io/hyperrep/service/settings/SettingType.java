package io.hyperrep.service.settings;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the text of a setting becomes its value, and the form it must have. {@link #parse} throws an
 * {@link IllegalArgumentException} whose message is the expected form ("must be an integer between 1 and
 * 1024"), which the caller puts next to the key, the value and where it came from.
 *
 * @param <T> the value's type
 */
public interface SettingType<T> {

    T parse(String text);

    /** The allowed values, short, for the settings table: {@code 1..1024}, {@code none, warmup-cosine}. */
    String values();

    /** A value as it would be written in a config file (used for the defaults in the table). */
    default String format(T value) {
        return String.valueOf(value);
    }

    static SettingType<String> string() {
        return new SettingType<>() {
            @Override
            public String parse(String text) {
                return text;
            }

            @Override
            public String values() {
                return "text";
            }
        };
    }

    static SettingType<Path> path() {
        return new SettingType<>() {
            @Override
            public Path parse(String text) {
                if (text.isBlank()) {
                    throw new IllegalArgumentException("must be a path");
                }
                return Path.of(text.strip());
            }

            @Override
            public String values() {
                return "path";
            }
        };
    }

    static SettingType<Integer> integer(int min, int max) {
        return new SettingType<>() {
            @Override
            public Integer parse(String text) {
                int i;
                try {
                    i = Integer.parseInt(text.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be an integer between " + min + " and " + max);
                }
                if (i < min || i > max) {
                    throw new IllegalArgumentException("must be between " + min + " and " + max);
                }
                return i;
            }

            @Override
            public String values() {
                return "integer " + min + ".." + max;
            }
        };
    }

    static SettingType<Double> decimal(double min, double max) {
        return new SettingType<>() {
            @Override
            public Double parse(String text) {
                double d;
                try {
                    d = Double.parseDouble(text.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a number between " + plain(min) + " and " + plain(max));
                }
                if (!(d >= min && d <= max)) {
                    throw new IllegalArgumentException("must be between " + plain(min) + " and " + plain(max));
                }
                return d;
            }

            @Override
            public String values() {
                return "number " + plain(min) + ".." + plain(max);
            }

            @Override
            public String format(Double value) {
                return plain(value);
            }
        };
    }

    static SettingType<Boolean> bool() {
        return new SettingType<>() {
            @Override
            public Boolean parse(String text) {
                return switch (text.strip().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> true;
                    case "false", "no", "0" -> false;
                    default -> throw new IllegalArgumentException("must be true or false");
                };
            }

            @Override
            public String values() {
                return "true, false";
            }
        };
    }

    /** A duration like {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or an ISO-8601 {@code PT10S}, within {@code min..max}. */
    // Kept apart (duplicates): each type parses its own syntax; the range checks compare different types.
    static SettingType<Duration> duration(Duration min, Duration max) {
        return new SettingType<>() {
            @Override
            public Duration parse(String text) {
                String t = text.strip().toLowerCase(Locale.ROOT);
                Duration d;
                try {
                    if (t.startsWith("pt")) {
                        d = Duration.parse(t.toUpperCase(Locale.ROOT));
                    } else if (t.endsWith("ms")) {
                        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
                    } else if (t.endsWith("s")) {
                        d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
                    } else if (t.endsWith("m")) {
                        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
                    } else if (t.endsWith("h")) {
                        d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
                    } else {
                        throw new NumberFormatException(t);
                    }
                } catch (NumberFormatException | DateTimeParseException e) {
                    throw new IllegalArgumentException("must be a duration such as 500ms, 10s, 5m or 1h, between "
                            + format(min) + " and " + format(max));
                }
                if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                    throw new IllegalArgumentException("must be between " + format(min) + " and " + format(max));
                }
                return d;
            }

            @Override
            public String values() {
                return "duration " + format(min) + ".." + format(max);
            }

            @Override
            public String format(Duration d) {
                long ms = d.toMillis();
                if (ms != 0 && ms % 3_600_000 == 0) {
                    return ms / 3_600_000 + "h";
                }
                if (ms != 0 && ms % 60_000 == 0) {
                    return ms / 60_000 + "m";
                }
                if (ms != 0 && ms % 1_000 == 0) {
                    return ms / 1_000 + "s";
                }
                return ms + "ms";
            }
        };
    }

    /** One of {@code allowed} (compared without case); the value is the allowed spelling. */
    static SettingType<String> choice(String... allowed) {
        List<String> names = List.of(allowed);
        return new SettingType<>() {
            @Override
            public String parse(String text) {
                String t = text.strip();
                return names.stream()
                        .filter(n -> n.equalsIgnoreCase(t))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("must be one of " + String.join(", ", names)));
            }

            @Override
            public String values() {
                return String.join(", ", names);
            }
        };
    }

    /** Comma-separated names, blanks dropped; at least one. What a name may be is the reader's business. */
    static SettingType<List<String>> list() {
        return new SettingType<>() {
            @Override
            public List<String> parse(String text) {
                List<String> items = new ArrayList<>();
                Arrays.stream(text.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .forEach(items::add);
                if (items.isEmpty()) {
                    throw new IllegalArgumentException("must name at least one item (comma-separated)");
                }
                return List.copyOf(items);
            }

            @Override
            public String values() {
                return "comma-separated list";
            }

            @Override
            public String format(List<String> value) {
                return String.join(",", value);
            }
        };
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
