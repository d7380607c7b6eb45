package io.hyperrep.core.nn;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;

/**
 * A deliberately plain forward pass over a canonical parameter vector, written from the PyTorch
 * definitions (conv stride 1 without padding, max-pool before activation, channel-major flatten).
 * It is the independent reference that the SameDiff graphs are tested against; it is slow.
 */
public final class ReferenceCnn {

    private ReferenceCnn() {}

    /** Logits of one image given as normalised floats in [C,H,W] order. */
    public static double[] logits(Architecture arch, Activation act, float[] params, float[] image) {
        double[] p = new double[params.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = params[i];
        }
        return logits(arch, act, p, image);
    }

    /** The same with double-precision parameters (finite-difference gradient checks perturb them below float resolution). */
    public static double[] logits(Architecture arch, Activation act, double[] params, float[] image) {
        if (params.length != arch.parameterCount()) {
            throw new IllegalArgumentException(
                    "expected " + arch.parameterCount() + " parameters, got " + params.length);
        }
        if (image.length != arch.inputSize()) {
            throw new IllegalArgumentException("expected " + arch.inputSize() + " pixels, got " + image.length);
        }
        double[] h = new double[image.length];
        for (int i = 0; i < image.length; i++) {
            h[i] = image[i];
        }
        int channels = arch.channels();
        int size = arch.height();
        for (int li = 0; li < arch.layers().size(); li++) {
            LayerSpec l = arch.layers().get(li);
            int wo = arch.weightOffset(li);
            int bo = arch.biasOffset(li);
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                int k = l.kernel();
                int o = size - k + 1;
                double[] out = new double[l.outChannels() * o * o];
                for (int oc = 0; oc < l.outChannels(); oc++) {
                    for (int y = 0; y < o; y++) {
                        for (int x = 0; x < o; x++) {
                            double s = params[bo + oc];
                            for (int ic = 0; ic < channels; ic++) {
                                for (int dy = 0; dy < k; dy++) {
                                    for (int dx = 0; dx < k; dx++) {
                                        s += params[wo + ((oc * channels + ic) * k + dy) * k + dx]
                                                * h[(ic * size + y + dy) * size + x + dx];
                                    }
                                }
                            }
                            out[(oc * o + y) * o + x] = s;
                        }
                    }
                }
                h = out;
                size = o;
                channels = l.outChannels();
                if (l.poolAfter()) {
                    int p = size / 2;
                    double[] pooled = new double[channels * p * p];
                    for (int c = 0; c < channels; c++) {
                        for (int y = 0; y < p; y++) {
                            for (int x = 0; x < p; x++) {
                                double m = Double.NEGATIVE_INFINITY;
                                for (int dy = 0; dy < 2; dy++) {
                                    for (int dx = 0; dx < 2; dx++) {
                                        m = Math.max(m, h[(c * size + 2 * y + dy) * size + 2 * x + dx]);
                                    }
                                }
                                pooled[(c * p + y) * p + x] = m;
                            }
                        }
                    }
                    h = pooled;
                    size = p;
                }
            } else {
                // h is already the channel-major flatten of the last feature map.
                double[] out = new double[l.outChannels()];
                for (int oc = 0; oc < l.outChannels(); oc++) {
                    double s = params[bo + oc];
                    for (int i = 0; i < l.inChannels(); i++) {
                        s += params[wo + oc * l.inChannels() + i] * h[i];
                    }
                    out[oc] = s;
                }
                h = out;
            }
            if (l.activated()) {
                for (int i = 0; i < h.length; i++) {
                    h[i] = act.apply(h[i]);
                }
            }
        }
        return h;
    }
}
