package io.hyperrep.ml.hyper;

import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;

/**
 * A {@link TaskLoss} with the images it is computed on: the zoo's training images (never its test set)
 * scaled as the zoo's recipe scales them.
 */
public record TaskTraining(TaskLoss loss, ImageSet images, Normalization normalization) {

    public TaskTraining {
        if (loss == null || images == null || normalization == null) {
            throw new IllegalArgumentException("task training needs its loss settings, images and normalisation");
        }
        if (images.count() == 0) {
            throw new IllegalArgumentException("task training needs at least one image");
        }
    }

    /**
     * Fills {@code pixels} [n, models*C, H, W] with {@code n} random images per model and {@code labels}
     * [models, n, classes] one-hot; an empty {@code labels} (no task term) is left alone.
     */
    void fill(int models, int classes, java.util.SplittableRandom rnd, float[] pixels, float[] labels) {
        int n = loss.images();
        int size = images.imageSize();
        byte[] px = images.pixels();
        float[] scale = normalization.table();
        boolean withLabels = labels.length > 0;
        java.util.Arrays.fill(labels, 0f);
        for (int m = 0; m < models; m++) {
            for (int i = 0; i < n; i++) {
                int img = rnd.nextInt(images.count());
                int dst = (i * models + m) * size;
                int src = img * size;
                for (int k = 0; k < size; k++) {
                    pixels[dst + k] = scale[px[src + k] & 0xff];
                }
                if (withLabels) {
                    labels[(m * n + i) * classes + images.label(img)] = 1f;
                }
            }
        }
    }
}
