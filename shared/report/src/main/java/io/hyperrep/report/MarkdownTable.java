package io.hyperrep.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A GitHub-flavoured Markdown table: a header, alignment per column (text left, numbers right), rows. */
public final class MarkdownTable {

    private final List<String> header;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose name starts with '#' are right-aligned (numbers); the '#' is not shown. */
    public MarkdownTable(String... columns) {
        header = new ArrayList<>();
        numeric = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            numeric[i] = columns[i].startsWith("#");
            header.add(numeric[i] ? columns[i].substring(1) : columns[i]);
        }
    }

    public MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + header.size()
                    + " columns: " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells)
                .map(c -> c == null ? "" : c.replace("|", "\\|").replace("\n", " "))
                .toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (boolean n : numeric) {
            s.append(n ? "---:|" : "---|");
        }
        s.append('\n');
        for (List<String> r : rows) {
            s.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return s.toString();
    }
}
