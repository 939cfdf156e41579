package dev.artistenricher.health;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness check that is DOWN while its supplier names a reason. The reasons are written for
 * operators and never carry a secret or a token.
 */
public final class ReadinessCheck extends AbstractHealthCheck {

    private final Supplier<Optional<String>> notReadyBecause;

    public ReadinessCheck(String id, Supplier<Optional<String>> notReadyBecause) {
        super("artist-enricher", id);
        this.notReadyBecause = notReadyBecause;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<String> reason = notReadyBecause.get();
        if (reason.isPresent()) {
            builder.down().message(reason.get());
        } else {
            builder.up();
        }
    }
}
