package io.hyperrep.service.evaluator;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.RejectReason;
import java.util.Optional;

/**
 * Whether a generated model can be evaluated here: a known architecture whose input is the
 * evaluator's images, the layout hash of that architecture, and weights that match their count,
 * digest and the architecture's parameter count, all finite. Pure.
 */
final class GeneratedCheck {

    /** The outcome for one model. */
    sealed interface Result {}

    /** Ready to evaluate. */
    record Valid(GeneratedModel model, Architecture arch, float[] weights) implements Result {}

    /** Goes to the dead-letter topic with this reason. */
    record Invalid(RejectReason reason, String message) implements Result {}

    private GeneratedCheck() {}

    static Result check(GeneratedModel g, ModelEvaluator evaluator) {
        Optional<Architecture> found = Architectures.find(g.arch());
        if (found.isEmpty()) {
            return new Invalid(RejectReason.UNKNOWN_ARCHITECTURE, "unknown architecture '" + g.arch() + "'");
        }
        Architecture arch = found.get();
        if (!evaluator.fits(arch)) {
            return new Invalid(
                    RejectReason.UNKNOWN_ARCHITECTURE,
                    arch.id() + " takes " + arch.channels() + "x" + arch.height() + "x" + arch.width()
                            + " images; this evaluator tests on " + evaluator.imagesDescription());
        }
        if (!arch.layoutHash().equals(g.layoutHash())) {
            return new Invalid(
                    RejectReason.ARCH_MISMATCH,
                    "layoutHash '" + g.layoutHash() + "' is not " + arch.id() + "'s (" + arch.layoutHash() + ")");
        }
        if (g.weights().count() != arch.parameterCount()) {
            return new Invalid(
                    RejectReason.WRONG_WEIGHT_COUNT,
                    "weights.count is " + g.weights().count() + ", " + arch.id() + " has " + arch.parameterCount()
                            + " parameters");
        }
        try {
            return new Valid(g, arch, g.weights().values());
        } catch (EventFormatException e) {
            return new Invalid(RejectReason.of(e.reason()), e.getMessage());
        }
    }
}
