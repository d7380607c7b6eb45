package io.hyperrep.ml.nd;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * SameDiff M2.1 prints one "Added differentiated op ..." line per op straight to System.out every
 * time it builds a gradient graph (~100-500 lines; no logger controls it, docs/decisions/quiet-stdout.md). This
 * stream drops exactly those lines and passes everything else through.
 */
final class QuietStdout extends PrintStream {

    private static final String NOISE = "Added differentiated op ";

    QuietStdout(OutputStream target) {
        super(target, true, StandardCharsets.UTF_8);
    }

    @Override
    public void println(String x) {
        if (x == null || !x.startsWith(NOISE)) {
            super.println(x);
        }
    }

    @Override
    public void println(Object x) {
        println(String.valueOf(x));
    }

    static synchronized void install() {
        if (!(System.out instanceof QuietStdout)) {
            System.setOut(new QuietStdout(new java.io.FileOutputStream(java.io.FileDescriptor.out)));
        }
    }
}
