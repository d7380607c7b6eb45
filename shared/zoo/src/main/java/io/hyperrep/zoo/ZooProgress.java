package io.hyperrep.zoo;

/** Progress of a zoo training job, in model-epochs (one model trained for one epoch). */
public interface ZooProgress {

    /** Called once: total model-epochs of the job and how many were already done (resume). */
    void started(long totalModelEpochs, long alreadyDone);

    /** Called during an epoch of a group: fraction of the epoch done. */
    void stepped(int group, int epoch, int step, int steps, int groupSize);

    /** Called when a group finished an epoch, with the group's mean test accuracy. */
    void epochDone(int group, int epoch, int groupSize, double meanTestAcc);

    ZooProgress NONE = new ZooProgress() {
        @Override
        public void started(long total, long done) {}

        @Override
        public void stepped(int group, int epoch, int step, int steps, int groupSize) {}

        @Override
        public void epochDone(int group, int epoch, int groupSize, double meanTestAcc) {}
    };
}
