package io.hyperrep.service.runtime;

import java.io.IOException;
import java.io.InputStream;

/** A page a service serves from its own jar, read once at start-up: a missing one fails the start. */
public final class ClasspathPage {

    private ClasspathPage() {}

    /** The bytes of {@code path} next to {@code owner}; {@code what} names the page in the error. */
    public static byte[] read(Class<?> owner, String path, String what) {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(what + " " + path + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }
}
