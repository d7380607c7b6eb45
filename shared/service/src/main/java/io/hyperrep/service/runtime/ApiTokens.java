package io.hyperrep.service.runtime;

import io.hyperrep.service.settings.CommonKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer tokens the HTTP API accepts: listed in the settings ({@code http.auth.tokens}, comma-separated,
 * e.g. from {@code HYPERREP_HTTP_AUTH_TOKENS}) and/or in a file ({@code http.auth.tokens.file}: one per line,
 * blank lines and {@code #} comments ignored), which {@link #reload()} reads again, so tokens are rotated by
 * rewriting the file, without a restart. Only SHA-256 digests are kept; a presented token is hashed and
 * compared with every accepted digest in constant time ({@link MessageDigest#isEqual}), so neither its
 * content nor its length leaks through timing. Thread-safe.
 */
public final class ApiTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);

    private final List<byte[]> fixed;
    private final Path file;
    private volatile List<byte[]> fromFile = List.of();
    private volatile String fileContent;

    private ApiTokens(List<String> fixed, Path file) {
        this.fixed = fixed.stream().map(ApiTokens::digest).toList();
        this.file = file;
    }

    /** Tokens from {@code http.auth.tokens} and {@code http.auth.tokens.file}; the file must be readable at start. */
    public static ApiTokens from(Settings s) {
        List<String> listed = new ArrayList<>();
        for (String t : s.find(CommonKeys.HTTP_AUTH_TOKENS).orElse("").split(",")) {
            if (!t.isBlank()) {
                listed.add(t.strip());
            }
        }
        Path file = s.find(CommonKeys.HTTP_AUTH_TOKENS_FILE)
                .filter(f -> !f.isBlank())
                .map(Path::of)
                .orElse(null);
        ApiTokens tokens = new ApiTokens(listed, file);
        if (file != null && !tokens.reload()) {
            throw new ConfigException("setting 'http.auth.tokens.file': cannot read " + file);
        }
        return tokens;
    }

    /** Whether any token is accepted at all. */
    public boolean any() {
        return !fixed.isEmpty() || !fromFile.isEmpty();
    }

    /** Whether tokens come from a file that {@link #reload()} should read again. */
    public boolean hasFile() {
        return file != null;
    }

    /**
     * Reads the token file again if it changed. An unreadable file (e.g. in the middle of a non-atomic
     * rewrite) keeps the tokens read before; an empty one accepts none. Blocking.
     *
     * @return false if the file could not be read
     */
    public boolean reload() {
        if (file == null) {
            return true;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn(
                    "cannot read the API token file {} ({}); keeping the {} token(s) read before",
                    file,
                    e.getClass().getSimpleName(),
                    fromFile.size());
            return false;
        }
        if (!content.equals(fileContent)) {
            List<byte[]> tokens = content.lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(ApiTokens::digest)
                    .toList();
            if (fileContent != null) {
                LOG.info("API token file {} changed: {} token(s) now", file, tokens.size());
            }
            fromFile = tokens;
            fileContent = content;
        }
        return true;
    }

    /**
     * Whether {@code presented} is an accepted token: its fingerprint (the first bytes of its digest, hex,
     * safe to log and to key rate limits by), or empty. Every accepted digest is compared, match or not.
     */
    public Optional<String> match(String presented) {
        byte[] d = digest(presented);
        boolean found = false;
        for (byte[] accepted : fixed) {
            found |= MessageDigest.isEqual(d, accepted);
        }
        for (byte[] accepted : fromFile) {
            found |= MessageDigest.isEqual(d, accepted);
        }
        return found ? Optional.of(HexFormat.of().formatHex(d, 0, 6)) : Optional.empty();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
