package io.hyperrep.core.nn.train;

/**
 * The steps of one epoch over several lane groups on several threads. Thread t owns the groups
 * {@code g ≡ t (mod threads)} for the whole epoch and steps them in lock-step order; the calling thread
 * reports each step once every group has done it, summing the groups' losses in group order. Groups never
 * share data, so the results do not depend on the thread count. Threads live for one epoch.
 */
final class EpochRun {

    /** Step {@code step} (0-based) of group {@code group}; returns the group's summed loss. */
    @FunctionalInterface
    interface GroupStep {
        double run(int group, int step);
    }

    private final int groups;
    private final int threads;
    private final int steps;
    private final GroupStep step;
    private final double[][] losses;
    private final int[] completed;
    private Throwable failure;
    private volatile boolean stopped;

    EpochRun(int groups, int threads, int steps, GroupStep step) {
        this.groups = groups;
        this.threads = Math.max(1, Math.min(threads, groups));
        this.steps = steps;
        this.step = step;
        this.losses = new double[groups][steps];
        this.completed = new int[this.threads];
    }

    void execute(StepObserver observer) {
        if (threads == 1) {
            for (int s = 0; s < steps; s++) {
                double sum = 0;
                for (int g = 0; g < groups; g++) {
                    sum += step.run(g, s);
                }
                observer.stepDone(s + 1, steps, sum);
            }
            return;
        }
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int id = t;
            workers[t] = new Thread(() -> work(id), "lane-trainer-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        try {
            for (int s = 0; s < steps; s++) {
                awaitStep(s + 1);
                double sum = 0;
                for (int g = 0; g < groups; g++) {
                    sum += losses[g][s];
                }
                observer.stepDone(s + 1, steps, sum);
            }
        } finally {
            stopped = true;
            for (Thread w : workers) {
                joinQuietly(w);
            }
        }
    }

    private void work(int id) {
        try {
            for (int s = 0; s < steps && !stopped; s++) {
                for (int g = id; g < groups; g += threads) {
                    losses[g][s] = step.run(g, s);
                }
                synchronized (this) {
                    completed[id] = s + 1;
                    notifyAll();
                }
            }
        } catch (Throwable e) {
            synchronized (this) {
                failure = e;
                notifyAll();
            }
        }
    }

    private synchronized void awaitStep(int s) {
        while (true) {
            if (failure != null) {
                if (failure instanceof RuntimeException re) {
                    throw re;
                }
                if (failure instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("training step failed", failure);
            }
            int min = Integer.MAX_VALUE;
            for (int c : completed) {
                min = Math.min(min, c);
            }
            if (min >= s) {
                return;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("training interrupted");
            }
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
