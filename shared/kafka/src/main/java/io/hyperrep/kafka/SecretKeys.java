package io.hyperrep.kafka;

import java.util.Locale;

/**
 * Which setting names hold secrets, so that no settings dump, log line or error message shows their
 * values: anything named like a password, a JAAS config (it embeds credentials), a secret, a token, a
 * credential, or a private key.
 */
public final class SecretKeys {

    /** What a secret's value is shown as. */
    public static final String MASK = "******";

    private SecretKeys() {}

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("jaas")
                || k.contains("secret")
                || k.contains("token")
                || k.contains("credential")
                || k.endsWith(".key")
                || k.contains("keystore.key");
    }

    /** {@code value}, or {@link #MASK} when {@code key} names a secret. */
    public static String shown(String key, String value) {
        return isSecret(key) ? MASK : value;
    }
}
