package io.hyperrep.service.settings;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings tables of docs/OPERATIONS.md, written from the {@link SettingsRegistry} between two marker comments,
 * so the documentation cannot drift from what the services accept (a unit test compares them).
 */
public final class SettingsTable {

    public static final String BEGIN =
            "<!-- settings-table:begin (generated from SettingsRegistry; edit the registry, then regenerate: "
                    + "see SettingsTableTest) -->";
    public static final String END = "<!-- settings-table:end -->";

    private SettingsTable() {}

    /** The tables, one per section, then the pass-through prefixes and the variables that are not settings. */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        for (SettingsRegistry.Section section : SettingsRegistry.SECTIONS) {
            b.append("**").append(section.title()).append("**\n\n");
            b.append("| key | default | values | read by | meaning |\n|---|---|---|---|---|\n");
            for (Setting<?> s : section.settings()) {
                b.append(row(s));
            }
            if (section.equals(SettingsRegistry.SECTIONS.get(0))) {
                for (SettingPrefix p : SettingsRegistry.PREFIXES) {
                    b.append("| `")
                            .append(p.prefix())
                            .append("*` | none | text | ")
                            .append(readers(p.readers()))
                            .append(" | ")
                            .append(p.doc())
                            .append(" |\n");
                }
            }
            b.append('\n');
        }
        b.append(
                "**`HYPERREP_*` variables that are not settings** (left alone; any other `HYPERREP_*` variable must name a key)\n\n");
        b.append("| variable | read by |\n|---|---|\n");
        for (SettingsRegistry.OtherVariable v : SettingsRegistry.OTHER_VARIABLES) {
            b.append("| `").append(v.name()).append("` | ").append(v.use()).append(" |\n");
        }
        return b.toString();
    }

    private static <T> String row(Setting<T> s) {
        String fallback = s.fallback()
                .map(v -> v instanceof Number || v instanceof Boolean
                        ? s.type().format(v)
                        : "`" + s.type().format(v) + "`")
                .orElse(s.shownDefault());
        String doc = s.doc()
                + s.millisAlias()
                        .map(a -> "; `" + a + "` (integer milliseconds) is still accepted for it, deprecated")
                        .orElse("");
        return "| `" + s.key() + "` | " + fallback + " | " + s.type().values() + " | " + readers(s.readers()) + " | "
                + doc + " |\n";
    }

    private static String readers(Set<Reader> readers) {
        if (readers.equals(Reader.ALL)) {
            return "all";
        }
        return readers.stream().sorted().map(Reader::id).collect(Collectors.joining(", "));
    }

    /** {@code document} with the text between the markers replaced by {@link #markdown()}. */
    public static String regenerated(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no settings-table markers (" + BEGIN + " ... " + END + ")");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n\n" + markdown() + "\n" + document.substring(end);
    }
}
