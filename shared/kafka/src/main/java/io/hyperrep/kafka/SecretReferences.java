package io.hyperrep.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references in client setting values, so that credentials live in files (Kubernetes
 * secrets, Docker secrets) or the environment rather than in a config file: {@code ${file:/run/secrets/kafka-password}}
 * is replaced by the file's content without its trailing line breaks, {@code ${env:KAFKA_PASSWORD}} by
 * the variable's value. References may sit anywhere in a value, e.g. inside a JAAS config. Any other
 * {@code ${provider:...}} is left for Kafka's own {@code config.providers}. Files are read each time a
 * client is created, so a rotated secret file is picked up by the next client without a restart.
 */
public final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(file|env):([^}]*)}");

    private SecretReferences() {}

    /** {@code value} with every reference replaced; {@code key} only names the setting in errors. */
    public static String resolve(String key, String value, Function<String, String> environment) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String target = m.group(2).strip();
            String secret = kind.equals("file") ? readFile(key, target) : readEnv(key, target, environment);
            m.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String resolve(String key, String value) {
        return resolve(key, value, System::getenv);
    }

    /** Whether {@code value} holds a reference this class resolves. */
    public static boolean hasReference(String value) {
        return REFERENCE.matcher(value).find();
    }

    private static String readFile(String key, String path) {
        if (path.isEmpty()) {
            throw new KafkaConfigException("setting '" + key + "': ${file:} needs a path");
        }
        try {
            return stripLineBreaks(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new KafkaConfigException("setting '" + key + "': cannot read the secret file " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String readEnv(String key, String name, Function<String, String> environment) {
        String v = name.isEmpty() ? null : environment.apply(name);
        if (v == null) {
            throw new KafkaConfigException("setting '" + key + "': environment variable "
                    + (name.isEmpty() ? "(empty name)" : name) + " is not set");
        }
        return v;
    }

    private static String stripLineBreaks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Every value of {@code settings} resolved. */
    static Map<String, String> resolveAll(Map<String, String> settings, Function<String, String> environment) {
        Map<String, String> out = new java.util.TreeMap<>();
        settings.forEach((k, v) -> out.put(k, resolve(k, v, environment)));
        return out;
    }
}
