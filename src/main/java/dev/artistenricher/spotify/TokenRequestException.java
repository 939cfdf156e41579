package dev.artistenricher.spotify;

/** The token endpoint did not give a token. {@link #credentialsRejected()} tells a permanent refusal from an outage. */
public final class TokenRequestException extends Exception {

    private final boolean credentialsRejected;

    public TokenRequestException(String message, boolean credentialsRejected) {
        super(message);
        this.credentialsRejected = credentialsRejected;
    }

    public TokenRequestException(String message, Throwable cause) {
        super(message, cause);
        this.credentialsRejected = false;
    }

    /** True for {@code 400 invalid_client} and the like: retrying soon will not help. */
    public boolean credentialsRejected() {
        return credentialsRejected;
    }
}
