package dev.artistenricher.config;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;

/**
 * {@code {{millis:enricher.retry.initial-backoff}}} in a route: the value of a duration key
 * ({@code 500ms}, {@code 30s}, {@code PT1M}, see {@link Durations}) in milliseconds, for Camel
 * options that take a number (a redelivery policy's delays). Each key keeps one human form in
 * {@code application.properties}.
 */
public final class MillisPropertiesFunction implements PropertiesFunction {

    private final CamelContext context;

    public MillisPropertiesFunction(CamelContext context) {
        this.context = context;
    }

    @Override
    public String getName() {
        return "millis";
    }

    @Override
    public String apply(String key) {
        String value = context.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new ConfigurationException(key, "is not set"));
        return Long.toString(Durations.parse(key, value).toMillis());
    }
}
