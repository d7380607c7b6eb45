package io.hyperrep.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.IdxReader;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import io.hyperrep.core.nn.ReferenceCnn;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A trained model of the bundled zoo, the real Fashion-MNIST test images, and ReferenceCnn's answers on them. */
final class ExportFixtures {

    /** m0000 after 8 epochs; its file records the test accuracy the zoo trainer measured. */
    static final Path CHECKPOINT = Path.of("../../data/zoo/fashion-mnist-cnn-s/checkpoints/m0000/epoch-008.json");

    static final Normalization NORMALIZATION = ZooRecipe.FASHION_MNIST_NORMALIZATION;

    private ExportFixtures() {}

    record Trained(float[] weights, double recordedTestAcc) {}

    static Trained trained() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(CHECKPOINT));
        float[] w = Checkpoint.weightsFromBytes(
                Base64.getDecoder().decode(root.path("weights").path("base64").asText()));
        return new Trained(w, root.path("metrics").path("testAcc").asDouble());
    }

    static ImageSet testImages() {
        Path dir = Datasets.fashionMnistDir(null);
        return IdxReader.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    /** Image {@code i} normalised as the zoo's recipe does, for ReferenceCnn. */
    static float[] normalized(ImageSet images, int i) {
        float[] x = new float[images.imageSize()];
        for (int p = 0; p < x.length; p++) {
            x[p] = NORMALIZATION.apply(images.pixels()[i * x.length + p]);
        }
        return x;
    }

    /** Image {@code i} as the exported ONNX graph takes it: raw bytes / 255. */
    static float[] unit(ImageSet images, int i) {
        float[] x = new float[images.imageSize()];
        for (int p = 0; p < x.length; p++) {
            x[p] = (images.pixels()[i * x.length + p] & 0xff) / 255f;
        }
        return x;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** ReferenceCnn's logits of the first {@code n} images. */
    static double[][] referenceLogits(Architecture arch, Activation act, float[] weights, ImageSet images, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = ReferenceCnn.logits(arch, act, weights, normalized(images, i));
        }
        return out;
    }

    static double accuracy(double[][] logits, ImageSet images) {
        int right = 0;
        for (int i = 0; i < logits.length; i++) {
            if (argmax(logits[i]) == images.label(i)) {
                right++;
            }
        }
        return right / (double) logits.length;
    }
}
