package dev.artistenricher.spotify;

import java.io.InterruptedIOException;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * Adds {@code Authorization: Bearer <token>} to each Web API request inside camel-http's client,
 * read from the {@link AccessTokenProvider} as the request leaves: the token is never a message
 * header (a tracer, a message history dump or an error log could print one), and whatever
 * {@code Authorization} a message carried is replaced. Used by the enrich route's endpoint
 * ({@code httpClientConfigurer}). Not camel-http's {@code oauth2*} options: in 4.18.0 their token
 * cache is keyed on the whole request URI, query included (a new token per {@code ?ids=} batch,
 * and a map that grows without bound), and they never renew on a 401.
 */
public final class BearerTokenAuthentication implements HttpClientConfigurer {

    private final AccessTokenProvider tokens;

    public BearerTokenAuthentication(AccessTokenProvider tokens) {
        this.tokens = tokens;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addRequestInterceptorLast((request, entity, context) -> {
            try {
                request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.bearerToken());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for an access token");
            }
        });
    }
}
