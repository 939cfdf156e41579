package dev.artistenricher.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * {@link AccessTokenProvider}'s way to the token endpoint: the route {@code spotify-token}
 * ({@code routes/token.camel.yaml}: camel-http {@code POST}, camel-jackson {@code unmarshal}),
 * called in the provider's thread, one request at a time (the provider's lock). What the answer
 * means is decided here.
 */
public final class TokenRoute implements AccessTokenProvider.TokenEndpoint {

    static final String ENDPOINT = "direct:spotify-token";

    private final ProducerTemplate template;
    private final Clock clock;

    public TokenRoute(ProducerTemplate template, Clock clock) {
        this.template = template;
        this.clock = clock;
    }

    @Override
    public AccessToken requestToken() throws TokenRequestException {
        Instant sentAt = clock.instant();
        Exchange answer = template.request(ENDPOINT, exchange -> { });
        Exception failure = answer.getException();
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (failure instanceof JsonProcessingException && status != null) {
            throw new TokenRequestException("HTTP " + status + " with an answer that is not JSON", isRefusal(status, null));
        }
        if (failure != null || status == null) {
            throw new TokenRequestException("token endpoint unreachable: " + SpotifyCalls.describe(failure), failure);
        }
        TokenAnswer token = answer.getMessage().getBody(TokenAnswer.class);
        if (status == 200 && token != null && token.accessToken() != null) {
            long expiresIn = token.expiresIn() == null ? 3600 : token.expiresIn();
            return new AccessToken(token.accessToken(), sentAt, Duration.ofSeconds(Math.max(1, expiresIn)));
        }
        String error = token == null || token.error() == null ? "" : token.error();
        String description = token == null || token.errorDescription() == null ? "" : token.errorDescription();
        String reason = "HTTP " + status + (error.isEmpty() ? "" : " " + error) + (description.isEmpty() ? "" : ": " + description);
        throw new TokenRequestException(reason, isRefusal(status, error));
    }

    /** {@code 400 invalid_client} and the like: asking again soon will not help. */
    private static boolean isRefusal(int status, String error) {
        return status == 400 || status == 401 || status == 403 || "invalid_client".equals(error);
    }
}
