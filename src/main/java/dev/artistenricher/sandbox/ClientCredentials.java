package dev.artistenricher.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * An OAuth client id/secret pair, and how the token endpoint finds one in a request.
 *
 * @param clientId     the client id
 * @param clientSecret the client secret
 */
record ClientCredentials(String clientId, String clientSecret) {

    /**
     * Credentials from an HTTP Basic {@code Authorization} header, or else from the
     * {@code client_id} / {@code client_secret} form fields (both ways are accepted by Spotify).
     * Empty if neither is present or the Basic header cannot be decoded.
     */
    static Optional<ClientCredentials> from(String authorizationHeader, Map<String, String> form) {
        if (authorizationHeader != null) {
            return fromBasic(authorizationHeader);
        }
        String id = form.get("client_id");
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ClientCredentials(id, form.getOrDefault("client_secret", "")));
    }

    private static Optional<ClientCredentials> fromBasic(String header) {
        String prefix = "basic ";
        if (header.length() <= prefix.length() || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(prefix.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ClientCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
