package io.hyperrep.service.settings;

import java.util.Set;

/**
 * A family of keys passed through verbatim under a prefix ({@code kafka.client.*}): any key below it is
 * accepted, and what it means is the receiver's business.
 */
public record SettingPrefix(String prefix, Set<Reader> readers, String doc) {

    public SettingPrefix {
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("a prefix ends with a dot, got '" + prefix + "'");
        }
        readers = Set.copyOf(readers);
    }

    public boolean covers(String key) {
        return key.startsWith(prefix) && key.length() > prefix.length();
    }
}
