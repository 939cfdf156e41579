package dev.artistenricher.queue;

import dev.artistenricher.config.QueueSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.artistenricher.config.TemplatedRoutes;

/**
 * Turns the templates of {@code routes/queue.camel.yaml} into routes, but only when
 * {@code enricher.input-uri} is set.
 *
 * <p>Why this way: Camel creates a route from a template for every {@code RouteTemplateParameterSource}
 * bean it finds in the registry while the context starts (the mechanism behind Camel Main's
 * {@code camel.route-template[n].*} properties). {@code QueueWiring} binds this bean only when queue
 * mode is configured, so without {@code enricher.input-uri} the templates stay templates: no queue
 * route exists, no endpoint is resolved, nothing can fail.
 *
 * <p>Which door serves the input:
 * <ul>
 *   <li>a JMS queue: {@code queue-jms-1} .. {@code queue-jms-N} (N = 2 x {@code enricher.concurrency}:
 *   one batch gathering or sending while another waits for its call), each a transaction per batch
 *   ({@link JmsBatches});</li>
 *   <li>Kafka: {@code queue}, camel-kafka's batching consumer: a batch of records is one exchange
 *   ({@code batching=true}, completed by {@code maxPollRecords} or {@code enricher.queue.batch-timeout}),
 *   one consumer per call in flight ({@code consumersCount}), offsets committed only by the route after
 *   the outputs were acknowledged ({@code allowManualCommit=true&autoCommitEnable=false}), a failed
 *   batch consumed again instead of skipped ({@code breakOnFirstError=true}), and a dead instance's
 *   partitions moved within about 10 s ({@code sessionTimeoutMs=10000}, a heartbeat every 3 s);</li>
 *   <li>any other endpoint: {@code queue}, each message its own batch.</li>
 * </ul>
 * Each option is added only when the configured URI does not set it. Kafka outputs: idempotent
 * producer, {@code acks=all}; sends are asynchronous and awaited before the commit.
 */
public final class QueueRoutes extends TemplatedRoutes {


    public QueueRoutes(QueueSettings settings, int concurrency) {
        String input = settings.inputUri().orElseThrow();
        boolean kafkaIn = QueueSettings.isKafka(input);
        boolean kafkaOut = QueueSettings.isKafka(settings.outputUri());
        if (QueueSettings.jmsQueue(input).isPresent()) {
            for (int worker = 1; worker <= 2 * concurrency; worker++) {
                add("queue-jms-" + worker, "queue-jms", Map.of("worker", worker));
            }
        } else if (kafkaIn) {
            add("queue", "queue-kafka", Map.of("inputUri", kafkaInput(input, settings, concurrency)));
        } else {
            add("queue", "queue-any", Map.of("inputUri", input));
        }
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("outputUri", output(settings.outputUri()));
        batch.put("rejectsUri", output(settings.rejectsUri()));
        // the header the artist ID goes to besides artistId: the record key for a Kafka output
        batch.put("keyHeader", kafkaOut ? "kafka.KEY" : "artistId");
        // a JMS batch stays on its transaction's thread; a Kafka batch has several calls in flight
        batch.put("parallel", Boolean.toString(kafkaIn));
        batch.put("listSend", Boolean.toString(kafkaOut));
        add("queue-batch", "queue-batch", batch);
    }

    static String kafkaInput(String uri, QueueSettings settings, int concurrency) {
        long timeout = Math.max(1, settings.batchTimeout().toMillis());
        return withOptions(uri, "batching=true", "allowManualCommit=true", "autoCommitEnable=false",
                "breakOnFirstError=true", "pollTimeoutMs=" + timeout, "batchingIntervalMs=" + timeout,
                "consumersCount=" + concurrency, "sessionTimeoutMs=10000", "heartbeatIntervalMs=3000");
    }

    static String output(String uri) {
        if (QueueSettings.isKafka(uri)) {
            // a list body: each record keeps its own headers (artistId), not the batch exchange's
            return withOptions(uri, "enableIdempotence=true", "requestRequiredAcks=all", "batchWithIndividualHeaders=true");
        }
        return uri;
    }

    /** Adds each {@code name=value} whose name the URI does not already set. */
    static String withOptions(String uri, String... options) {
        StringBuilder out = new StringBuilder(uri);
        String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
        for (String option : options) {
            String name = option.substring(0, option.indexOf('='));
            boolean present = false;
            for (String pair : query.split("&")) {
                if (pair.equals(name) || pair.startsWith(name + "=")) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                out.append(out.indexOf("?") < 0 ? '?' : '&').append(option);
            }
        }
        return out.toString();
    }
}
