package io.hyperrep.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A main class in a JVM of its own, on the test's classpath: a service started as an operator starts it,
 * or a group member the test can kill. Its output is read line by line while it runs.
 */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * {@code java <jvmOptions> --add-modules jdk.incubator.vector <warnings-only logging> -cp <this
     * classpath> <mainClass> <args>}, with the error stream merged into the output.
     */
    public static ProcessBuilder of(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(
                "--add-modules",
                "jdk.incubator.vector",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /**
     * Hands each line of {@code process}'s output to {@code onLine} on a daemon thread named {@code name};
     * {@code onEnd} runs once the output ends (the process exited or was killed). Returns the started thread.
     */
    public static Thread readLines(Process process, String name, Consumer<String> onLine, Runnable onEnd) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            onLine.accept(line);
                        }
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                    onEnd.run();
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
