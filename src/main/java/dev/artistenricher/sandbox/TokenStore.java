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
    private record Issued(long expiresAt, String clientId) {
    }

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    /** Creates a new unguessable token for {@code clientId}, valid for {@code lifetimeNanos} from now. */
    String issue(long lifetimeNanos, String clientId) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        // "BQ" prefix: real client-credentials tokens start like that; harmless, and looks familiar in logs.
        String token = "BQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, new Issued(NanoClock.now() + lifetimeNanos, clientId));
        return token;
    }

    /** Whether {@code token} may be used at time {@code now} (see {@link NanoClock#now()}). */
    Validity check(String token, long now) {
        Issued entry = issued.get(token);
        if (entry == null) {
            return Validity.UNKNOWN;
        }
        return now < entry.expiresAt() ? Validity.VALID : Validity.EXPIRED;
    }

    /** The client a known token was issued to, or null. */
    String clientOf(String token) {
        Issued entry = issued.get(token);
        return entry == null ? null : entry.clientId();
    }

    /** Invalidates every token issued so far; they become unknown. */
    void revokeAll() {
        issued.clear();
    }
}
