package io.hyperrep.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AugmentationTest {

    @Test
    void namedConfigurations() {
        assertEquals(Augmentation.paper(), Augmentation.parse("paper"));
        assertEquals(Augmentation.none(), Augmentation.parse("none"));
    }

    @Test
    void itemsApplyOnTopOfThePaperSettings() {
        Augmentation a = Augmentation.parse("no-permute, erase=0.25,noise=0.001,erase-scale=0.1-0.2");
        assertEquals(new Augmentation(false, 0.001, 0.25, 0.1, 0.2), a);
        assertEquals(new Augmentation(true, 0.0, 0.0, 0.02, 0.33), Augmentation.parse("erase=0"));
    }

    @Test
    void badSpecificationsSayWhatIsWrong() {
        assertRefused("rotate", "unknown augmentation item 'rotate'");
        assertRefused("erase", "needs a value");
        assertRefused("erase=lots", "needs a number");
        assertRefused("erase=1.5", "erase probability");
        assertRefused("erase-scale=0.3", "MIN-MAX");
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse(" "));
    }

    private static void assertRefused(String spec, String expected) {
        String message = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse(spec))
                .getMessage();
        assertTrue(message.contains(expected), message);
    }
}
