package io.hyperrep.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX export checked by readers that are not its writer: the onnx package's checker (with shape
 * inference), and ONNX Runtime, whose predictions on the real Fashion-MNIST test set equal ReferenceCnn's
 * for a trained zoo model, raw pixels / 255 in (the normalisation is inside the graph).
 */
class OnnxTest {

    static final String CHECK = """
            import sys, onnx
            m = onnx.load(sys.argv[1])
            onnx.checker.check_model(m, full_check=True)
            print("opset", max(o.version for o in m.opset_import if o.domain in ("", "ai.onnx")))
            print("inputs", [i.name for i in m.graph.input])
            print("outputs", [o.name for o in m.graph.output])
            print("ops", sorted(set(n.op_type for n in m.graph.node)))
            print("meta", {p.key: p.value for p in m.metadata_props})
            """;

    @Test
    void shouldPassTheOnnxChecker(@TempDir Path tmp) throws Exception {
        PythonOnnx onnx = PythonOnnx.require();
        for (Activation act : Activation.values()) {
            for (Architecture arch : Architectures.all()) {
                Path f = tmp.resolve(arch.id() + "-" + act + ".onnx");
                Files.write(
                        f,
                        Onnx.write(
                                arch,
                                act,
                                ExportFixtures.NORMALIZATION,
                                random(arch, 1),
                                Map.of("sampleId", "v/kde/s1/n2/0")));
                PythonOnnx.Result r = onnx.run(CHECK, f.toString());
                assertEquals(0, r.exitCode(), arch.id() + " " + act + ": " + r.output());
                assertTrue(r.output().contains("opset 13"), r.output());
                assertTrue(
                        r.output().contains("inputs ['pixels']")
                                && r.output().contains("outputs ['logits', 'probabilities']"),
                        r.output());
                assertTrue(r.output().contains("'sampleId': 'v/kde/s1/n2/0'"), r.output());
            }
        }
    }

    @Test
    void shouldPredictAsReferenceCnnOnTheRealTestSetInOnnxRuntime() throws Exception {
        ExportFixtures.Trained m = ExportFixtures.trained();
        ImageSet test = ExportFixtures.testImages();
        int n = test.count();
        float[][] logits = run(
                Onnx.write(Architectures.CNN_S, Activation.TANH, ExportFixtures.NORMALIZATION, m.weights(), Map.of()),
                test,
                n,
                Onnx.LOGITS);
        double[][] reference =
                ExportFixtures.referenceLogits(Architectures.CNN_S, Activation.TANH, m.weights(), test, n);
        double maxDiff = 0;
        int right = 0;
        for (int i = 0; i < n; i++) {
            double[] l = new double[logits[i].length];
            for (int c = 0; c < l.length; c++) {
                l[c] = logits[i][c];
                maxDiff = Math.max(maxDiff, Math.abs(l[c] - reference[i][c]));
            }
            assertEquals(ExportFixtures.argmax(reference[i]), ExportFixtures.argmax(l), "image " + i);
            right += ExportFixtures.argmax(l) == test.label(i) ? 1 : 0;
        }
        System.out.printf(
                "onnx: ONNX Runtime on %d Fashion-MNIST test images: accuracy %.4f (recorded %.4f), max |logit - reference| %.2e%n",
                n, right / (double) n, m.recordedTestAcc(), maxDiff);
        assertTrue(maxDiff < 1e-4, "logits within float32 rounding of the reference: " + maxDiff);
        float[][] p = run(
                Onnx.write(Architectures.CNN_S, Activation.TANH, ExportFixtures.NORMALIZATION, m.weights(), Map.of()),
                test,
                16,
                Onnx.PROBABILITIES);
        for (float[] row : p) {
            double sum = 0;
            for (float v : row) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-5, "softmax probabilities");
        }
    }

    @Test
    @SuppressWarnings("EnumOrdinal") // the ordinal only makes a distinct weight seed per activation
    void shouldComputeEveryActivationAndArchitectureAsTheReference() throws Exception {
        ImageSet test = ExportFixtures.testImages();
        for (Activation act : Activation.values()) {
            float[] w = random(Architectures.CNN_S, act.ordinal() + 7);
            float[][] logits = run(
                    Onnx.write(Architectures.CNN_S, act, ExportFixtures.NORMALIZATION, w, Map.of()),
                    test,
                    64,
                    Onnx.LOGITS);
            double[][] reference = ExportFixtures.referenceLogits(Architectures.CNN_S, act, w, test, 64);
            for (int i = 0; i < 64; i++) {
                for (int c = 0; c < 10; c++) {
                    assertEquals(
                            reference[i][c],
                            logits[i][c],
                            1e-4 * Math.max(1, Math.abs(reference[i][c])),
                            act + " image " + i);
                }
            }
        }
        // CNN-l's input is 3x32x32: random pixels through both
        Architecture l = Architectures.CNN_L;
        float[] w = random(l, 3);
        Random r = new Random(5);
        float[] unit = new float[4 * l.inputSize()];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = r.nextInt(256) / 255f;
        }
        float[][] logits =
                run(Onnx.write(l, Activation.RELU, ExportFixtures.NORMALIZATION, w, Map.of()), unit, 4, l, Onnx.LOGITS);
        for (int i = 0; i < 4; i++) {
            float[] x = new float[l.inputSize()];
            for (int p = 0; p < x.length; p++) {
                x[p] = (float) ((unit[i * x.length + p] - ExportFixtures.NORMALIZATION.mean())
                        / ExportFixtures.NORMALIZATION.std());
            }
            double[] ref = io.hyperrep.core.nn.ReferenceCnn.logits(l, Activation.RELU, w, x);
            for (int c = 0; c < 10; c++) {
                assertEquals(ref[c], logits[i][c], 1e-4 * Math.max(1, Math.abs(ref[c])), "cnn-l image " + i);
            }
        }
    }

    static float[][] run(byte[] model, ImageSet images, int n, String output) throws Exception {
        float[] unit = new float[n * images.imageSize()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ExportFixtures.unit(images, i), 0, unit, i * images.imageSize(), images.imageSize());
        }
        return run(model, unit, n, Architectures.CNN_S, output);
    }

    static float[][] run(byte[] model, float[] unit, int n, Architecture arch, String output) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(model, options);
                    OnnxTensor in = OnnxTensor.createTensor(
                            env, FloatBuffer.wrap(unit), new long[] {n, arch.channels(), arch.height(), arch.width()});
                    OrtSession.Result r = s.run(Map.of(Onnx.INPUT, in))) {
                return (float[][]) r.get(output).orElseThrow().getValue();
            }
        }
    }

    static float[] random(Architecture arch, long seed) {
        Random r = new Random(seed);
        float[] w = new float[arch.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 0.3);
        }
        return w;
    }
}
