package dev.artistenricher.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of queue mode, read and validated at start-up like {@link EnricherSettings}. Queue
 * mode is on when {@code enricher.input-uri} is set; without it nothing here is required.
 *
 * @param brokerPassword never logged
 */
public record QueueSettings(
        Optional<String> inputUri,
        String outputUri,
        String rejectsUri,
        boolean redeliverOnApiError,
        Duration batchTimeout,
        Broker broker,
        String brokerUrl,
        String brokerUser,
        String brokerPassword,
        Path brokerDataDir,
        String brokerBind,
        int maxDeliveryAttempts,
        Duration redeliveryDelay,
        String deadLetterQueue,
        String kafkaBrokers,
        String kafkaGroupId,
        int kafkaMaxPollRecords) {

    /** Where JMS messages live: a broker started inside this JVM, an external one, or no JMS at all. */
    public enum Broker { EMBEDDED, EXTERNAL, NONE }

    /** Rejects go to the log when no rejects endpoint is configured. */
    public static final String DEFAULT_REJECTS_URI = "log:dev.artistenricher.rejects?level=WARN&showExchangePattern=false&showBodyType=false";

    public boolean enabled() {
        return inputUri.isPresent();
    }

    public boolean usesJms() {
        return isJms(inputUri.orElse("")) || isJms(outputUri) || isJms(rejectsUri);
    }

    public boolean usesKafka() {
        return isKafka(inputUri.orElse("")) || isKafka(outputUri) || isKafka(rejectsUri);
    }

    public static boolean isJms(String uri) {
        return uri != null && uri.startsWith("jms:");
    }

    /** The queue name of a {@code jms:queue:<name>} (or {@code jms:<name>}) URI; empty for a topic or another endpoint. */
    public static Optional<String> jmsQueue(String uri) {
        if (!isJms(uri)) {
            return Optional.empty();
        }
        String path = uri.substring("jms:".length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.startsWith("topic:") || path.startsWith("temp-topic:") || path.startsWith("temp-queue:")) {
            return Optional.empty();
        }
        path = path.startsWith("queue:") ? path.substring("queue:".length()) : path;
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    public static boolean isKafka(String uri) {
        return uri != null && uri.startsWith("kafka:");
    }

    public static QueueSettings read(Function<String, Optional<String>> rawLookup) {
        Function<String, Optional<String>> lookup = key -> rawLookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> input = lookup.apply("enricher.input-uri");
        String output = lookup.apply("enricher.output-uri").orElse(null);
        if (input.isPresent() && output == null) {
            throw new ConfigurationException("enricher.output-uri", "is not set (required with enricher.input-uri)");
        }
        String rejects = lookup.apply("enricher.rejects-uri").orElse(DEFAULT_REJECTS_URI);
        String apiError = lookup.apply("enricher.queue.api-error").orElse("redeliver").toLowerCase(Locale.ROOT);
        if (!apiError.equals("redeliver") && !apiError.equals("reject")) {
            throw new ConfigurationException("enricher.queue.api-error", "must be 'redeliver' or 'reject', not '" + apiError + "'");
        }
        Optional<String> brokerUrl = lookup.apply("enricher.broker-url");
        boolean jms = input.isPresent() && (isJms(input.get()) || isJms(output) || isJms(rejects));
        Broker broker;
        String brokerKind = lookup.apply("enricher.broker").orElse("").toLowerCase(Locale.ROOT);
        switch (brokerKind) {
            case "embedded" -> broker = Broker.EMBEDDED;
            case "external" -> broker = Broker.EXTERNAL;
            case "none" -> broker = Broker.NONE;
            case "" -> broker = !jms ? Broker.NONE : brokerUrl.isPresent() ? Broker.EXTERNAL : Broker.EMBEDDED;
            default -> throw new ConfigurationException("enricher.broker", "must be 'embedded', 'external' or 'none', not '" + brokerKind + "'");
        }
        if (broker == Broker.EXTERNAL && brokerUrl.isEmpty()) {
            throw new ConfigurationException("enricher.broker-url", "is not set (required with enricher.broker=external)");
        }
        boolean kafka = input.isPresent() && (isKafka(input.get()) || isKafka(output) || isKafka(rejects));
        String kafkaBrokers = lookup.apply("enricher.kafka.brokers").orElse(null);
        if (kafka && kafkaBrokers == null) {
            throw new ConfigurationException("enricher.kafka.brokers", "is not set (required with a kafka: endpoint)");
        }
        String dataDir = lookup.apply("enricher.broker.data-dir").orElse("data/broker");
        Path brokerData;
        try {
            brokerData = Path.of(dataDir);
        } catch (RuntimeException e) {
            throw new ConfigurationException("enricher.broker.data-dir", "is not a valid path: '" + dataDir + "'");
        }
        return new QueueSettings(
                input,
                output,
                rejects,
                apiError.equals("redeliver"),
                Durations.parse("enricher.queue.batch-timeout", lookup.apply("enricher.queue.batch-timeout").orElse("100ms")),
                broker,
                brokerUrl.orElse(null),
                lookup.apply("enricher.broker.user").orElse(null),
                lookup.apply("enricher.broker.password").orElse(null),
                brokerData,
                lookup.apply("enricher.broker.bind").orElse("tcp://127.0.0.1:61616"),
                intAtLeast(lookup, "enricher.broker.max-delivery-attempts", 5, 1),
                Durations.parse("enricher.broker.redelivery-delay", lookup.apply("enricher.broker.redelivery-delay").orElse("1s")),
                lookup.apply("enricher.broker.dead-letter-queue").orElse("DLQ"),
                kafkaBrokers,
                lookup.apply("enricher.kafka.group-id").orElse("artist-enricher"),
                intAtLeast(lookup, "enricher.kafka.max-poll-records", 500, 1));
    }

    private static int intAtLeast(Function<String, Optional<String>> lookup, String key, int defaultValue, int min) {
        String value = lookup.apply(key).orElse(Integer.toString(defaultValue));
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(key, "must be a whole number of at least " + min + ", not '" + value + "'");
    }

    @Override
    public String toString() {
        return "QueueSettings[input=" + inputUri.orElse("-") + ", output=" + outputUri + ", rejects=" + rejectsUri
                + ", broker=" + broker + "]";
    }
}
