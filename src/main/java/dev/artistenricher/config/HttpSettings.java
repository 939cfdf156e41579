package dev.artistenricher.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of {@code POST /enrich} on Camel's business HTTP server ({@code camel.server.*}),
 * read and validated at start-up like {@link EnricherSettings}.
 *
 * @param apiKey never logged: {@link #toString()} masks it; empty when none is set
 */
public record HttpSettings(
        boolean enabled,
        String host,
        int port,
        Optional<String> apiKey,
        int maxIds,
        int maxInFlight) {

    /**
     * Reads and validates the settings. With the API off nothing else is checked: no server listens.
     *
     * @param lookup resolves a key through Camel's property placeholders (file, JVM, environment)
     */
    public static HttpSettings read(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> value = key -> lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        boolean enabled = bool(value, "enricher.http.enabled");
        String host = value.apply("camel.server.host").orElse("0.0.0.0");
        int port = port(value, "camel.server.port", 8080);
        // a file keeps the key out of Camel's own DEBUG/TRACE lines, which print resolved property values
        Optional<String> apiKey = value.apply("enricher.http.api-key")
                .or(() -> value.apply("enricher.http.api-key-file").map(HttpSettings::readKeyFile));
        int maxIds = intInRange(value, "enricher.http.max-ids", 1000, 1, 100_000);
        int maxInFlight = intInRange(value, "enricher.http.max-in-flight", 8, 1, 1024);
        if (enabled) {
            // Camel merges the business and the management server into one when their ports are
            // equal: /enrich would then sit beside /observe/health, and the API key would guard
            // only one of them. One port each, or the start stops here.
            if (bool(value, "camel.management.enabled") && port == port(value, "camel.management.port", 8080)) {
                throw new ConfigurationException("camel.server.port",
                        "must differ from camel.management.port (" + port + "): the HTTP API and health/metrics need a port each");
            }
            if (apiKey.isEmpty() && !isLoopback(host)) {
                throw new ConfigurationException("enricher.http.api-key",
                        "is required when camel.server.host is not a loopback address (" + host + ")");
            }
        }
        return new HttpSettings(enabled, host, port, apiKey, maxIds, maxInFlight);
    }

    private static String readKeyFile(String file) {
        try {
            String key = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (key.isEmpty()) {
                throw new ConfigurationException("enricher.http.api-key-file", "is empty: " + file);
            }
            return key;
        } catch (IOException e) {
            throw new ConfigurationException("enricher.http.api-key-file", "cannot be read: " + file);
        }
    }

    /** Whether the server listens on this machine only (127.0.0.0/8, ::1, localhost). */
    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new ConfigurationException("camel.server.host", "is not a known host or address: '" + host + "'");
        }
    }

    @Override
    public String toString() {
        return "HttpSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", apiKey="
                + (apiKey.isPresent() ? "****" : "none") + ", maxIds=" + maxIds + ", maxInFlight=" + maxInFlight + "]";
    }

    private static boolean bool(Function<String, Optional<String>> value, String key) {
        String v = value.apply(key).orElse("false");
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigurationException(key, "must be true or false, not '" + v + "'");
    }

    private static int port(Function<String, Optional<String>> value, String key, int defaultValue) {
        return intInRange(value, key, defaultValue, 0, 65535);
    }

    private static int intInRange(Function<String, Optional<String>> value, String key, int defaultValue, int min, int max) {
        String v = value.apply(key).orElse(Integer.toString(defaultValue));
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key, "must be a whole number from " + min + " to " + max + ", not '" + v + "'");
    }
}
