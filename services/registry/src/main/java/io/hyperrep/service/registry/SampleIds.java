package io.hyperrep.service.registry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Sample ids in URLs. An id has slashes ({@code <versionId>/<method>/s<seed>/n<count>/<index>}), so a
 * path may carry it percent-encoded ({@code %2F}) or as it is; both name the same model. Ids are
 * checked before use: path segments of letters, digits and {@code ._:@+-}, at most 512 characters.
 */
final class SampleIds {

    static final int MAX_LENGTH = 512;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@+-]+(/[A-Za-z0-9._:@+-]+)*");

    private SampleIds() {}

    /**
     * The sample id of a path's tail (everything after {@code /api/models/}).
     *
     * @throws IllegalArgumentException if it is not a well-formed sample id
     */
    static String fromPath(String tail) {
        String id = percentDecode(tail);
        if (id.isEmpty() || id.length() > MAX_LENGTH || !VALID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "'" + (id.length() > 80 ? id.substring(0, 80) + "..." : id) + "' is not a sample id "
                            + "(<versionId>/<method>/s<seed>/n<count>/<index>: letters, digits, ._:@+- and /, at most "
                            + MAX_LENGTH + " characters)");
        }
        return id;
    }

    /** The id as one path segment: slashes and everything outside the id alphabet percent-encoded. */
    static String toPath(String id) {
        StringBuilder b = new StringBuilder();
        for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "._-".indexOf(c) >= 0)) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    /** %XX sequences decoded as UTF-8; {@code +} stays a plus (paths are not forms). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("'" + s + "' has a bad percent escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
