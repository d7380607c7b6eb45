package io.hyperrep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory of this process: resident set size now and at its peak (Linux {@code /proc/self/status};
 * -1 elsewhere) and the JVM heap in use. ND4J's native buffers are the difference: its CPU backend
 * allocates them outside JavaCPP's and the memory manager's accounting (both report ~0).
 */
record ProcessMemory(long rssBytes, long peakRssBytes, long heapBytes) {

    static ProcessMemory now() {
        long rss = -1;
        long hwm = -1;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String l : lines) {
                if (l.startsWith("VmRSS:")) {
                    rss = kib(l);
                } else if (l.startsWith("VmHWM:")) {
                    hwm = kib(l);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: report unknown
        }
        Runtime rt = Runtime.getRuntime();
        return new ProcessMemory(rss, hwm, rt.totalMemory() - rt.freeMemory());
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    /** The larger of each field (peaks of a series of samples). */
    ProcessMemory max(ProcessMemory o) {
        return new ProcessMemory(
                Math.max(rssBytes, o.rssBytes),
                Math.max(peakRssBytes, o.peakRssBytes),
                Math.max(heapBytes, o.heapBytes));
    }

    static String gib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
