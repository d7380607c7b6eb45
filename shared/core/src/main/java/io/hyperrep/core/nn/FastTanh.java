package io.hyperrep.core.nn;

/**
 * Float tanh as a clamped rational function (the 13/6 minimax approximation Eigen uses for
 * {@code ptanh}), accurate to a few float ulps. {@link Math#tanh} is a double-precision library call
 * that C2 cannot vectorise; with ~1,300 activations per CNN-s forward pass it cost as much as the
 * convolutions. Branch-free, so loops over it vectorise.
 */
public final class FastTanh {

    /** Beyond this |x| tanh(x) rounds to +-1 in float. */
    static final float CLAMP = 7.90531110763549805f;

    static final float A1 = 4.89352455891786e-03f;
    static final float A3 = 6.37261928875436e-04f;
    static final float A5 = 1.48572235717979e-05f;
    static final float A7 = 5.12229709037114e-08f;
    static final float A9 = -8.60467152213735e-11f;
    static final float A11 = 2.00018790482477e-13f;
    static final float A13 = -2.76076847742355e-16f;
    static final float B0 = 4.89352518554385e-03f;
    static final float B2 = 2.26843463243900e-03f;
    static final float B4 = 1.18534705686654e-04f;
    static final float B6 = 1.19825839466702e-06f;

    private FastTanh() {}

    public static float tanh(float v) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, v));
        float x2 = x * x;
        float p = x2 * A13 + A11;
        p = x2 * p + A9;
        p = x2 * p + A7;
        p = x2 * p + A5;
        p = x2 * p + A3;
        p = x2 * p + A1;
        p = x * p;
        float q = x2 * B6 + B4;
        q = x2 * q + B2;
        q = x2 * q + B0;
        return p / q;
    }
}
