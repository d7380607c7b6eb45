package io.hyperrep.core.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenLayoutTest {

    @Test
    void shouldDeriveTheTokenCountsAndWidthsOfMethodSection2() {
        TokenLayout s = new TokenLayout(Architectures.CNN_S);
        assertEquals(48, s.tokens());
        assertArrayEquals(
                new int[] {26, 201, 25, 37, 21},
                IntStream.range(0, 5).map(s::width).toArray());
        TokenLayout l = new TokenLayout(Architectures.CNN_L);
        assertEquals(93, l.tokens());
        assertArrayEquals(
                new int[] {28, 145, 289, 61, 21},
                IntStream.range(0, 5).map(l::width).toArray());
    }

    @Test
    void shouldPutAKernelsWeightsThenItsBiasInOneToken() {
        Architecture a = Architectures.CNN_S;
        float[] w = new float[a.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = i;
        }
        float[][] t = new TokenLayout(a).tokenize(w);
        // layer 1 (conv 8->6, k5), kernel 2: weights 208 + 2*200 .. +199, then bias 208 + 1200 + 2
        float[] token = Arrays.copyOfRange(t[1], 2 * 201, 3 * 201);
        assertEquals(608f, token[0]);
        assertEquals(807f, token[199]);
        assertEquals(1410f, token[200]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-s", "cnn-l"})
    void shouldRoundTripExactlyAndGatherEveryIndexOnce(String id) {
        Architecture a = Architectures.byId(id);
        TokenLayout layout = new TokenLayout(a);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            float[] w = new float[a.parameterCount()];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rnd.nextGaussian();
            }
            assertArrayEquals(w, layout.detokenize(layout.tokenize(w)));
            assertArrayEquals(w, layout.fromTokenOrder(layout.toTokenOrder(w)));
        }
        int[] g = layout.gather();
        Arrays.sort(g);
        assertArrayEquals(IntStream.range(0, a.parameterCount()).toArray(), g);
    }
}
