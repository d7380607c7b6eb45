package io.hyperrep.lab.hyper;

import io.hyperrep.ml.hyper.EpochResult;
import io.hyperrep.ml.hyper.HyperTrainingListener;
import io.hyperrep.report.ProgressBar;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Shows a training run on the terminal: a progress bar over the run's steps and one line per epoch. */
final class HyperProgressPrinter implements HyperTrainingListener {

    private final PrintStream out;
    private final ProgressBar bar;

    HyperProgressPrinter(PrintStream out) {
        this.out = out;
        this.bar = new ProgressBar(out, "steps");
    }

    @Override
    public void started(Started s) {
        out.printf(
                Locale.ROOT,
                "%s %d epochs of %d steps (batch %d)%s%n",
                s.resumed() ? "resuming at epoch " + (s.epochsDone() + 1) + " of" : "training",
                s.epochs(),
                s.stepsPerEpoch(),
                s.batchSize(),
                s.warmStarted() ? ", warm start" : "");
        bar.total((long) s.epochs() * s.stepsPerEpoch(), (double) s.epochsDone() * s.stepsPerEpoch());
    }

    @Override
    public void stepDone(StepProgress p) {
        String task = (Double.isNaN(p.taskLoss()) ? "" : String.format(Locale.ROOT, ", task %.4f", p.taskLoss()))
                + (Double.isNaN(p.functionLoss())
                        ? ""
                        : String.format(Locale.ROOT, ", function KL %.4f", p.functionLoss()));
        bar.update(
                (double) p.globalStep(),
                String.format(
                        Locale.ROOT,
                        "epoch %d/%d step %d/%d  loss %.4f (rec %.4f, ntxent %.4f%s)  lr %.2e  %.1f ckpt/s  run ETA %s",
                        p.epoch(),
                        p.epochs(),
                        p.step(),
                        p.steps(),
                        p.loss(),
                        p.reconstructionLoss(),
                        p.contrastiveLoss(),
                        task,
                        p.learningRate(),
                        p.samplesPerSecond(),
                        eta(p.etaSeconds())));
    }

    @Override
    public void epochDone(EpochResult e) {
        bar.finish(String.format(
                Locale.ROOT,
                "epoch %d/%d: train loss %.4f R2 %.3f | validation loss %.4f R2 %.3f%s (%.0f s)",
                e.epoch(),
                e.epochs(),
                e.trainLoss(),
                e.trainR2(),
                e.validationLoss(),
                e.validationR2(),
                e.improved() ? "  * best" : "  (best: epoch " + e.bestEpoch() + ")",
                e.seconds()));
    }

    private static String eta(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--:--";
        }
        long s = Duration.ofSeconds((long) seconds).toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
