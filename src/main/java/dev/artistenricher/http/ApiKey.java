package dev.artistenricher.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The key a caller of {@code POST /enrich} must present in {@code X-API-Key}
 * ({@code enricher.http.api-key}). Both sides are hashed before {@link MessageDigest#isEqual}, so
 * the comparison takes the same time whatever the presented key and whatever its length: the
 * answer times tell nothing about how much of a guess was right. The key is never printed.
 */
public final class ApiKey {

    /** The request header carrying the key. */
    public static final String HEADER = "X-API-Key";

    private final byte[] expectedDigest;

    /** @param key the configured key; empty: no key required (loopback only, see HttpSettings) */
    public ApiKey(Optional<String> key) {
        this.expectedDigest = key.map(ApiKey::digest).orElse(null);
    }

    /** Whether a request presenting this header value (null when absent) may enrich. */
    public boolean accepts(String presented) {
        if (expectedDigest == null) {
            return true;
        }
        return MessageDigest.isEqual(expectedDigest, digest(presented == null ? "" : presented))
                && presented != null;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return expectedDigest == null ? "ApiKey[none]" : "ApiKey[****]";
    }
}
