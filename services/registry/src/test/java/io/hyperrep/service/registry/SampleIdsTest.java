package io.hyperrep.service.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleIdsTest {

    @Test
    void shouldReadIdsWithSlashesEncodedOrNot() {
        String id = "ae-0123456789abcdef/kde-joint/s-5/n50/7";
        assertEquals(id, SampleIds.fromPath(id));
        assertEquals(id, SampleIds.fromPath("ae-0123456789abcdef%2Fkde-joint%2fs-5%2Fn50%2F7"));
        assertEquals("ae-0123456789abcdef%2Fkde-joint%2Fs-5%2Fn50%2F7", SampleIds.toPath(id));
        assertEquals(id, SampleIds.fromPath(SampleIds.toPath(id)));
        assertEquals("a+b/c", SampleIds.fromPath("a+b%2Fc"), "a plus is a plus in a path");
    }

    @Test
    void shouldRefuseWhatIsNotAnId() {
        for (String bad : List.of(
                "", "a%2F%2Fb", "/a", "a/", "a b", "a%20b", "x%zz", "x%2", "a\u00e9", "a".repeat(513), "a/../b%00")) {
            assertThrows(IllegalArgumentException.class, () -> SampleIds.fromPath(bad), bad);
        }
    }
}
