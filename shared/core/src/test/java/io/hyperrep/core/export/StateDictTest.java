package io.hyperrep.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.core.arch.Architectures;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateDictTest {

    @Test
    void shouldNameCnnSTensorsAsAPlainSequentialDoes() {
        List<StateDict.Tensor> t = StateDict.tensors(Architectures.CNN_S);
        assertEquals(
                List.of(
                        "module_list.0.weight",
                        "module_list.0.bias",
                        "module_list.3.weight",
                        "module_list.3.bias",
                        "module_list.6.weight",
                        "module_list.6.bias",
                        "module_list.9.weight",
                        "module_list.9.bias",
                        "module_list.11.weight",
                        "module_list.11.bias"),
                t.stream().map(StateDict.Tensor::name).toList());
        assertArrayEquals(new int[] {8, 1, 5, 5}, t.get(0).shape());
        assertArrayEquals(new int[] {10, 20}, t.get(8).shape());
        int next = 0;
        for (StateDict.Tensor x : t) {
            assertEquals(next, x.offset(), x + " follows the previous tensor");
            next += x.length();
        }
        assertEquals(Architectures.CNN_S.parameterCount(), next);
        assertArrayEquals(new int[] {0, 3, 6, 9, 11}, StateDict.moduleIndices(Architectures.CNN_S));
        // CNN-l pools after each of its three convs: (conv pool act) x 3, flatten, linear act, linear
        assertArrayEquals(new int[] {0, 3, 6, 10, 12}, StateDict.moduleIndices(Architectures.CNN_L));
    }
}
