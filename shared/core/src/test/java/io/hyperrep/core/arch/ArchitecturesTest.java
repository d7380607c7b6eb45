package io.hyperrep.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {

    @Test
    void shouldMatchTheCnnSIndexDictOfMethodSection2() {
        Architecture a = Architectures.CNN_S;
        assertEquals(2464, a.parameterCount());
        assertEquals(java.util.List.of(0, 208, 1414, 1514, 2254), weightOffsets(a));
        assertEquals(
                java.util.List.of(208, 1206, 100, 740, 210),
                IntStream.range(0, 5)
                        .map(i -> a.layers().get(i).weightCount()
                                + a.layers().get(i).outChannels())
                        .boxed()
                        .toList());
        assertEquals(200, a.biasOffset(0));
        assertEquals(36, a.layers().get(3).inChannels());
        assertEquals(3, a.outputSpatial(2));
    }

    @Test
    void shouldMatchTheCnnLIndexDictOfMethodSection2() {
        Architecture a = Architectures.CNN_L;
        assertEquals(10853, a.parameterCount());
        assertEquals(java.util.List.of(0, 448, 5088, 9423, 10643), weightOffsets(a));
        assertEquals(2, a.outputSpatial(2));
    }

    @Test
    void shouldGiveStableDistinctLayoutHashes() {
        assertEquals(16, Architectures.CNN_S.layoutHash().length());
        assertEquals(
                Architectures.CNN_S.layoutHash(), Architectures.byId("cnn-s").layoutHash());
        assertNotEquals(Architectures.CNN_S.layoutHash(), Architectures.CNN_L.layoutHash());
        assertTrue(Architectures.CNN_S
                .layoutDescription()
                .startsWith("input[1,28,28]; conv2d w[8,1,5,5] b[8] maxpool2 act"));
    }

    @Test
    void shouldNameKnownIdsWhenTheArchitectureIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architectures.byId("resnet"));
        assertTrue(e.getMessage().contains("cnn-s, cnn-l"), e.getMessage());
    }

    @Test
    void shouldRejectLayersThatDoNotChain() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Architecture(
                        "bad",
                        1,
                        28,
                        28,
                        java.util.List.of(LayerSpec.conv(1, 8, 5, true), LayerSpec.dense(100, 10, false))));
    }

    /** Where each of the five layers' weights start in the flat parameter vector. */
    private static java.util.List<Integer> weightOffsets(Architecture a) {
        return IntStream.range(0, 5).map(a::weightOffset).boxed().toList();
    }
}
