package dev.artistenricher.sandbox;

/** Checks the {@code Authorization: Bearer} header of a Web API call, answering like Spotify when it is not acceptable. */
final class BearerAuthenticator {

    private static final String REALM = "Bearer realm=\"spotify\"";
    /** Since 2026 the body says the same for every token problem; only WWW-Authenticate tells which. */
    static final String MESSAGE_401 = "Missing/invalid/expired access token";

    private final TokenStore tokens;
    private final EmulatorStats stats;

    BearerAuthenticator(TokenStore tokens, EmulatorStats stats) {
        this.tokens = tokens;
        this.stats = stats;
    }

    /** @return null if the call is authenticated, otherwise the 400/401 answer to give */
    ApiRejection check(String authorization, long now) {
        if (authorization == null || authorization.isBlank()) {
            return new ApiRejection(401, SpotifyErrors.api(401, MESSAGE_401), 0, REALM);
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            return ApiRejection.of(400, SpotifyErrors.api(400, "Only valid bearer authentication supported"));
        }
        String token = authorization.substring(space + 1).trim();
        switch (tokens.check(token, now)) {
            case VALID:
                stats.callWithTokenOf(tokens.clientOf(token));
                return null;
            case EXPIRED:
                stats.expiredTokenCall();
                return invalidToken("The access token expired");
            default:
                stats.unknownTokenCall();
                return invalidToken("Invalid access token");
        }
    }

    /** The 401 for a token Spotify will not accept: one body message for all, the detail in the header. */
    static ApiRejection invalidToken(String description) {
        return new ApiRejection(401, SpotifyErrors.api(401, MESSAGE_401), 0,
                REALM + ", error=\"invalid_token\", error_description=\"" + description + "\"");
    }
}
