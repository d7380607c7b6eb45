package io.hyperrep.core.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pointer in the repository's code and docs resolves inside it: documents and decision records exist,
 * cited sections of docs/METHOD.md exist, and nothing names a document or path outside the repository.
 */
class RepositoryReferencesTest {

    @Test
    void everyReferenceInTheRepositoryResolvesInsideIt() {
        RepositoryReferences refs = new RepositoryReferences(RepositoryReferences.findRoot());
        assertTrue(
                refs.files().size() > 400,
                "read the repository's sources and docs, found " + refs.files().size() + " files");
        List<String> problems = refs.problems();
        assertTrue(
                problems.isEmpty(),
                problems.size() + " references do not resolve inside the repository:\n" + String.join("\n", problems));
    }

    /** A small repository with one reference of each kind, good and bad, so the checker itself is tested. */
    @Test
    void shouldReportEachKindOfBrokenReferenceAndAcceptTheGoodOnes(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.createDirectories(repo.resolve("shared/core/src"));
        Files.createDirectories(repo.resolve("services"));
        Files.createDirectories(repo.resolve("docs/decisions"));
        Files.writeString(repo.resolve("docs/METHOD.md"), "# M\n## 5. Loss\n### 5.2 LWLN\nsee §5 and §5.3\n");
        Files.writeString(repo.resolve("docs/decisions/pool.md"), "# Pool\n");
        Files.writeString(repo.resolve("shared/core/pom.xml"), "<project/>");
        Files.writeString(
                repo.resolve("shared/core/src/A.java"),
                String.join(
                        "\n",
                        "/** LWLN (docs/METHOD.md §5.2), loss (docs/METHOD.md §5, §5.2), memory (docs/decisions/pool.md). */",
                        "/** Missing section (docs/METHOD.md §5.4); missing record (docs/decisions/gone.md). */",
                        "/** Nameless section (§5.2); outside notes (NOTES.md §1.7); a machine path /work/x; Path.of(\"../../../x\"). */",
                        "/** Inside: Path.of(\"../../pom.xml\"); output REPORT.md. */"));
        List<String> problems = new RepositoryReferences(repo).problems();
        List<String> expected = List.of(
                "docs/METHOD.md:4: docs/METHOD.md has no section 5.3",
                "shared/core/src/A.java:2: docs/METHOD.md has no section 5.4",
                "shared/core/src/A.java:2: 'docs/decisions/gone.md' does not exist in the repository",
                "shared/core/src/A.java:3: 'NOTES.md' does not exist in the repository",
                "shared/core/src/A.java:3: absolute path of a particular machine",
                "shared/core/src/A.java:3: relative path leaves the repository",
                "shared/core/src/A.java:3: section reference without its document: '§5.2'");
        for (String e : expected) {
            assertTrue(
                    problems.stream().anyMatch(p -> p.startsWith(e)),
                    "expected a problem starting '" + e + "' in:\n" + String.join("\n", problems));
        }
        assertEquals(expected.size(), problems.size(), "only the broken references:\n" + String.join("\n", problems));
    }
}
