package dev.artistenricher.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens issued by the emulator and their expiry.
 *
 * <p>Expired tokens are kept (not purged) so a call with one can be told apart from a call with a
 * token that was never issued: Spotify answers both with 401, but the WWW-Authenticate description
 * differs, and the stats count them separately. Revocation forgets tokens entirely.
 */
final class TokenStore {

    /** Outcome of looking a bearer token up. */
    enum Validity { VALID, EXPIRED, UNKNOWN }

    private static final int TOKEN_BYTES = 66; // 88 URL-safe chars, about as long as real Spotify tokens
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiryByToken = new ConcurrentHashMap<>();

    /** Creates a new unguessable token valid for {@code lifetimeNanos} from now. */
    String issue(long lifetimeNanos) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        // "BQ" prefix: real client-credentials tokens start like that; harmless, and looks familiar in logs.
        String token = "BQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiryByToken.put(token, NanoClock.now() + lifetimeNanos);
        return token;
    }

    /** Whether {@code token} may be used at time {@code now} (see {@link NanoClock#now()}). */
    Validity check(String token, long now) {
        Long expiresAt = expiryByToken.get(token);
        if (expiresAt == null) {
            return Validity.UNKNOWN;
        }
        return now < expiresAt ? Validity.VALID : Validity.EXPIRED;
    }

    /** Invalidates every token issued so far; they become unknown. */
    void revokeAll() {
        expiryByToken.clear();
    }
}
