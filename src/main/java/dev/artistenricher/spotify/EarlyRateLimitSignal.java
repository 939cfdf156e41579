package dev.artistenricher.spotify;

import java.time.Duration;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.Header;

/**
 * Closes the {@link RateLimitGate} the moment a 429's status line arrives, inside camel-http's
 * client, before its body is read and the route decides on it: a call of another thread whose turn
 * comes in between would otherwise leave during the announced wait. The route's own step
 * ({@link SpotifyCalls#answered}) still settles the 429 (the probe, the growing wait); this only
 * shortens the time in which nobody knows yet.
 */
public final class EarlyRateLimitSignal implements HttpClientConfigurer {

    private final RateLimitGate gate;

    public EarlyRateLimitSignal(RateLimitGate gate) {
        this.gate = gate;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addResponseInterceptorFirst((response, entity, context) -> {
            if (response.getCode() == 429) {
                Header retryAfter = response.getFirstHeader("Retry-After");
                gate.closeFor(SpotifyCalls.retryAfter(retryAfter == null ? null : retryAfter.getValue()));
            }
        });
    }
}
