package io.hyperrep.core.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the repository's sources, build files, scripts and docs and lists every reference that does not
 * resolve inside the repository: a Markdown file that does not exist, a section ({@code docs/METHOD.md §5.2})
 * whose numbered heading does not exist, a section number that names no document, an absolute path of a
 * particular machine, or a relative path that climbs out of the repository. A clone must be able to follow every pointer the code gives.
 */
final class RepositoryReferences {

    /** Text files worth reading; files without an extension (scripts, the launcher) are read when they hold no NUL byte. */
    private static final Set<String> EXTENSIONS =
            Set.of("java", "md", "xml", "yaml", "yml", "sh", "py", "txt", "html", "properties", "json", "csv");
    /** Build output and VCS data (.git is a file in a worktree). The bundled zoo's checkpoints below are weights only. */
    private static final Set<String> SKIPPED_NAMES = Set.of(".git", "target", "node_modules");
    /** The bundled zoo: 600 checkpoint files of weights (10 MB), no references. */
    private static final Path BUNDLED_ZOO = Path.of("data", "zoo");
    /** This checker and its test, whose examples of broken references are broken on purpose. */
    private static final Path CHECKER =
            Path.of("shared", "core", "src", "test", "java", "io", "hyperrep", "core", "repo");
    /** Markdown files the commands and scripts write into their output directories, not documents of the repository. */
    private static final Set<String> OUTPUT_FILE_NAMES = Set.of("REPORT.md", "stats.md", "table.md");

    private static final Pattern MARKDOWN_NAME =
            Pattern.compile("(?<![\\w/.:@$-])((?:\\.{1,2}/)*[\\w.-]+(?:/[\\w.-]+)*\\.md)(?![\\w/])");
    private static final String NUMBER = "\\d+(?:\\.\\d+)*";
    private static final String SECTION = "§\\s?" + NUMBER + "(?:[-–]" + NUMBER + ")?";
    /** An optional document followed by one or more sections: {@code docs/METHOD.md §7, §9}, {@code §1.1-1.2}. */
    private static final Pattern SECTION_REFERENCE = Pattern.compile(
            "((?:[\\w.-]+/)*[\\w.-]+\\.md)?(\\s*" + SECTION + "(?:\\s*(?:,|and|or)\\s*" + SECTION + ")*)");

    private static final Pattern SECTION_NUMBER = Pattern.compile("§\\s?(" + NUMBER + ")(?:[-–](" + NUMBER + "))?");
    private static final Pattern NUMBERED_HEADING = Pattern.compile("^#+\\s+(" + NUMBER + ")\\.?\\s");
    private static final Pattern MACHINE_PATH = Pattern.compile("(?<![\\w.~-])/(?:work|home|Users)/");
    private static final Pattern CLIMB = Pattern.compile("(?<![\\w.])((?:\\.\\./)+)");

    private final Path root;
    private final Map<Path, Set<String>> headings = new HashMap<>();

    RepositoryReferences(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The repository root above the working directory (Surefire runs in the module's directory). */
    static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("shared"))
                    && Files.isDirectory(p.resolve("services"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml beside shared/ and services/) above "
                + Path.of("").toAbsolutePath());
    }

    /** Every problem found, as {@code path:line: message}; empty when every reference resolves. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Path file : files()) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                check(file, i + 1, lines.get(i), problems);
            }
        }
        return problems;
    }

    /** The files read, relative to the root. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    Path rel = root.relativize(dir);
                    boolean skip = SKIPPED_NAMES.contains(String.valueOf(dir.getFileName()))
                            || rel.equals(BUNDLED_ZOO)
                            || rel.equals(CHECKER);
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()
                            && !SKIPPED_NAMES.contains(file.getFileName().toString())
                            && isText(file)) {
                        files.add(root.relativize(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            return EXTENSIONS.contains(name.substring(dot + 1));
        }
        try {
            if (Files.size(file) >= 1_000_000) {
                return false;
            }
            byte[] content = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(content.length, 4096); i++) {
                if (content[i] == 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> read(Path rel) {
        try {
            return List.of(new String(Files.readAllBytes(root.resolve(rel)), StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void check(Path file, int line, String text, List<String> problems) {
        String at = file + ":" + line + ": ";
        Matcher machine = MACHINE_PATH.matcher(text);
        while (text.indexOf('/') >= 0 && machine.find()) {
            problems.add(at + "absolute path of a particular machine: '" + excerpt(text, machine.start()) + "'");
        }
        Matcher climb = CLIMB.matcher(text);
        while (text.contains("../") && climb.find()) {
            Path target = base(file).resolve(climb.group(1)).normalize();
            if (!target.startsWith(root)) {
                problems.add(at + "relative path leaves the repository: '" + excerpt(text, climb.start()) + "'");
            }
        }
        Matcher md = MARKDOWN_NAME.matcher(text);
        while (text.contains(".md") && md.find()) {
            String name = md.group(1);
            if (!OUTPUT_FILE_NAMES.contains(Path.of(name).getFileName().toString()) && resolve(file, name) == null) {
                problems.add(at + "'" + name + "' does not exist in the repository");
            }
        }
        if (text.indexOf('§') >= 0) {
            checkSections(file, text, at, problems);
        }
    }

    private void checkSections(Path file, String text, String at, List<String> problems) {
        Matcher ref = SECTION_REFERENCE.matcher(text);
        while (ref.find()) {
            String name = ref.group(1);
            Path doc;
            if (name != null) {
                doc = resolve(file, name);
                if (doc == null) {
                    continue; // reported as a missing document
                }
            } else if (file.getFileName().toString().endsWith(".md")
                    && !headings(root.resolve(file)).isEmpty()) {
                doc = root.resolve(file); // a numbered document citing its own sections
            } else {
                problems.add(at + "section reference without its document: '"
                        + ref.group(2).strip() + "'; write e.g. docs/METHOD.md "
                        + ref.group(2).strip());
                continue;
            }
            Matcher n = SECTION_NUMBER.matcher(ref.group(2));
            while (n.find()) {
                for (int g = 1; g <= 2; g++) {
                    String number = n.group(g);
                    if (number != null && !headings(doc).contains(number)) {
                        problems.add(at + root.relativize(doc) + " has no section " + number);
                    }
                }
            }
        }
    }

    /** Numbered headings of a Markdown file ({@code ## 5. Loss} gives 5, {@code #### 9.1.1 ...} gives 9.1.1). */
    private Set<String> headings(Path doc) {
        return headings.computeIfAbsent(doc, d -> {
            Set<String> numbers = new HashSet<>();
            try {
                for (String l : Files.readAllLines(d, StandardCharsets.UTF_8)) {
                    Matcher m = NUMBERED_HEADING.matcher(l);
                    if (m.find()) {
                        numbers.add(m.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return numbers;
        });
    }

    /**
     * The Markdown file {@code name} means, or null: relative to the citing file, to its module (a Java test
     * reads files relative to the module's directory), to the root, or (a bare name such as
     * {@code OPERATIONS.md}) in docs/ or docs/decisions/. Never outside the root.
     */
    private Path resolve(Path file, String name) {
        List<Path> candidates = new ArrayList<>(
                List.of(root.resolve(file).getParent().resolve(name), base(file).resolve(name), root.resolve(name)));
        if (!name.contains("/")) {
            candidates.add(root.resolve("docs").resolve(name));
            candidates.add(root.resolve("docs/decisions").resolve(name));
        }
        for (Path c : candidates) {
            Path n = c.normalize();
            if (n.startsWith(root) && Files.isRegularFile(n)) {
                return n;
            }
        }
        return null;
    }

    /** What a relative path in {@code file} is relative to: the module for Java sources and POMs, else the file's directory. */
    private Path base(Path file) {
        Path dir = root.resolve(file).getParent();
        String name = file.getFileName().toString();
        if (name.endsWith(".java") || name.equals("pom.xml")) {
            for (Path p = dir; p != null && p.startsWith(root); p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        }
        return dir;
    }

    private static String excerpt(String text, int at) {
        return text.substring(at, Math.min(text.length(), at + 60)).strip();
    }
}
