package dev.artistenricher.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of SPEC.md, read once at start-up and validated, so that a bad
 * value stops the application before any route starts, with one line naming the key.
 *
 * @param clientSecret never logged: {@link #toString()} masks it
 */
public record EnricherSettings(
        String clientId,
        String clientSecret,
        URI tokenUrl,
        URI apiUrl,
        Path inbox,
        Path outbox,
        int batchSize,
        int concurrency,
        Duration maxInlineWait,
        Duration giveUpAfter,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        Path store,
        Duration cacheTtl,
        Duration notFoundTtl,
        int cacheMegabytes,
        Duration progressInterval,
        int searchLimit) {

    public static final int MAX_BATCH_SIZE = 50;
    /** Spotify's largest {@code limit} of {@code /v1/search} since February 2026 (it was 50). */
    public static final int MAX_SEARCH_LIMIT = 10;

    /**
     * Where the set of distinct IDs of a very large input is memory-mapped ({@code tmp} in the
     * store folder, on the disk the store already lives on); created when first needed.
     */
    public Path spillDirectory() {
        return store.resolve("tmp");
    }

    /**
     * Reads and validates the settings.
     *
     * @param lookup resolves a key through Camel's property placeholders (file, JVM, environment)
     */
    public static EnricherSettings read(Function<String, Optional<String>> lookup) {
        Reader r = new Reader(lookup);
        String clientId = r.required("spotify.client-id");
        String secret = r.optional("spotify.client-secret")
                .or(() -> r.optional("spotify.client-secret-file").map(file -> readSecretFile(file)))
                .orElseThrow(() -> new ConfigurationException("spotify.client-secret", "is not set"));
        return new EnricherSettings(
                clientId,
                secret,
                r.httpUrl("spotify.token-url", "https://accounts.spotify.com/api/token"),
                r.httpUrl("spotify.api-url", "https://api.spotify.com/v1"),
                r.path("enricher.inbox", "data/inbox"),
                r.path("enricher.outbox", "data/outbox"),
                r.intInRange("enricher.batch-size", 50, 1, MAX_BATCH_SIZE),
                r.intInRange("enricher.concurrency", 4, 1, 256),
                r.duration("enricher.max-inline-wait", "60s"),
                r.duration("enricher.retry.give-up-after", "15m"),
                r.duration("enricher.retry.initial-backoff", "500ms"),
                r.duration("enricher.retry.max-backoff", "30s"),
                r.path("enricher.store", "data/store"),
                r.duration("enricher.cache.ttl", "24h"),
                r.duration("enricher.cache.not-found-ttl", "24h"),
                r.intInRange("enricher.cache.max-size-mb", 16, 1, 1 << 16),
                Duration.ofSeconds(r.intInRange("enricher.progress-interval", 5, 1, 3600)),
                r.intInRange("enricher.search.limit", 5, 1, MAX_SEARCH_LIMIT));
    }

    private static String readSecretFile(String file) {
        try {
            String secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new ConfigurationException("spotify.client-secret-file", "is empty: " + file);
            }
            return secret;
        } catch (IOException e) {
            throw new ConfigurationException("spotify.client-secret-file", "cannot be read: " + file);
        }
    }

    @Override
    public String toString() {
        return "EnricherSettings[clientId=" + clientId + ", clientSecret=****, tokenUrl=" + tokenUrl
                + ", apiUrl=" + apiUrl + ", inbox=" + inbox + ", outbox=" + outbox + ", batchSize=" + batchSize
                + ", concurrency=" + concurrency + "]";
    }

    /** Typed, validated access to one key at a time. */
    private static final class Reader {
        private final Function<String, Optional<String>> lookup;

        Reader(Function<String, Optional<String>> lookup) {
            this.lookup = lookup;
        }

        Optional<String> optional(String key) {
            return lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        }

        String required(String key) {
            return optional(key).orElseThrow(() -> new ConfigurationException(key, "is not set"));
        }

        String withDefault(String key, String defaultValue) {
            return optional(key).orElse(defaultValue);
        }

        URI httpUrl(String key, String defaultValue) {
            String value = withDefault(key, defaultValue);
            try {
                URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key, "is not an http(s) URL: '" + value + "'");
            }
        }

        Path path(String key, String defaultValue) {
            try {
                return Path.of(withDefault(key, defaultValue));
            } catch (RuntimeException e) {
                throw new ConfigurationException(key, "is not a valid path: '" + withDefault(key, defaultValue) + "'");
            }
        }

        int intInRange(String key, int defaultValue, int min, int max) {
            String value = withDefault(key, Integer.toString(defaultValue));
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigurationException(key, "must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        }

        Duration duration(String key, String defaultValue) {
            Duration d = Durations.parse(key, withDefault(key, defaultValue));
            if (d.isNegative()) {
                throw new ConfigurationException(key, "must not be negative");
            }
            return d;
        }
    }
}
