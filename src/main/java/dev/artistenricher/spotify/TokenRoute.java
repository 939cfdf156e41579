package dev.artistenricher.spotify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * {@link AccessTokenProvider}'s way to the token endpoint: the route {@code spotify-token}
 * ({@code routes/token.camel.yaml}: camel-http {@code POST}, camel-jackson {@code unmarshal}),
 * called in the provider's thread, one request at a time (the provider's lock). What the answer
 * means is decided here. A Kamelet instance, which cannot bring a route of its own, sends the same
 * request straight to a camel-http endpoint it owns ({@link #viaEndpoint}).
 */
public final class TokenRoute implements AccessTokenProvider.TokenEndpoint {

    static final String ENDPOINT = "direct:spotify-token";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request, its answer (or failure) in the exchange. */
    private final Supplier<Exchange> send;
    private final Clock clock;

    public TokenRoute(ProducerTemplate template, Clock clock) {
        this(() -> template.request(ENDPOINT, exchange -> { }), clock);
    }

    private TokenRoute(Supplier<Exchange> send, Clock clock) {
        this.send = send;
        this.clock = clock;
    }

    /**
     * The request of the route {@code spotify-token}, made on {@code tokenEndpoint} (camel-http,
     * {@code POST}, with {@link ClientCredentialsAuthentication} and {@link SpotifyHeaderFilter});
     * its answer, a stream, is read once here.
     */
    public static TokenRoute viaEndpoint(ProducerTemplate template, Endpoint tokenEndpoint, Clock clock) {
        return new TokenRoute(() -> template.request(tokenEndpoint, exchange -> {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
            exchange.getMessage().setBody("grant_type=client_credentials");
        }), clock);
    }

    @Override
    public AccessToken requestToken() throws TokenRequestException {
        Instant sentAt = clock.instant();
        Exchange answer = send.get();
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (answer.getException() == null && status != null && !(answer.getMessage().getBody() instanceof TokenAnswer)) {
            answer.getMessage().setBody(read(answer));
        }
        Exception failure = answer.getException();
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

    private static TokenAnswer read(Exchange answer) {
        try (InputStream body = answer.getMessage().getBody(InputStream.class)) {
            return body == null ? null : JSON.readValue(body, TokenAnswer.class);
        } catch (IOException e) {
            answer.setException(e);
            return null;
        }
    }

    /** {@code 400 invalid_client} and the like: asking again soon will not help. */
    private static boolean isRefusal(int status, String error) {
        return status == 400 || status == 401 || status == 403 || "invalid_client".equals(error);
    }
}
