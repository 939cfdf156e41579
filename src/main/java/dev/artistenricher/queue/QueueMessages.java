package dev.artistenricher.queue;

import dev.artistenricher.enrich.ArtistStore;
import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.Reject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.DefaultMessage;

/**
 * The bean of the queue route ({@code routes/queue.camel.yaml}): reads what was consumed (one
 * message, or a poll of Kafka records), turns each enrichment result into output and reject
 * messages, and commits Kafka offsets once everything was sent.
 */
public final class QueueMessages {

    public static final String INPUT = "queueInput";

    private final int batchSize;
    private final ArtistStore cache;
    private final boolean redeliverOnApiError;
    private final Path spillDirectory;

    public QueueMessages(int batchSize, ArtistStore cache, boolean redeliverOnApiError, Path spillDirectory) {
        this.batchSize = batchSize;
        this.cache = cache;
        this.redeliverOnApiError = redeliverOnApiError;
        this.spillDirectory = spillDirectory;
    }

    /**
     * The consumed body: one message, a batch of JMS message texts ({@link JmsBatches}), or (Kafka
     * with {@code batching=true}) a list of record exchanges.
     */
    public QueueInput read(Exchange exchange) {
        List<String> bodies = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        Object body = exchange.getMessage().getBody();
        for (Exchange record : records(exchange)) {
            bodies.add(record.getMessage().getBody(String.class));
            sources.add(sourceOf(record));
        }
        if (body instanceof List<?> texts && (texts.isEmpty() || texts.get(0) instanceof String)) {
            for (Object text : texts) {
                bodies.add((String) text);
                sources.add(null);
            }
        } else if (!(body instanceof List<?>)) {
            bodies.add(exchange.getMessage().getBody(String.class));
            sources.add(null);
        }
        return new QueueInput(bodies, sources, batchSize, cache, spillDirectory);
    }

    public List<QueueInput.ArtistMessage> artists(BatchResult result) {
        return QueueInput.artists(result);
    }

    /**
     * The artists of a result as one list of messages, each with its artist ID in the {@code artistId}
     * header and the Kafka key: camel-kafka sends a list body as one record per element, all at once,
     * and the step ends when the broker has acknowledged every one of them.
     */
    public List<Message> artistRecords(BatchResult result, Exchange exchange) {
        List<Message> out = new ArrayList<>(result.artists().size());
        for (QueueInput.ArtistMessage artist : QueueInput.artists(result)) {
            Message m = new DefaultMessage(exchange.getContext());
            m.setHeader("artistId", artist.id());
            m.setHeader(KafkaConstants.KEY, artist.id());
            m.setBody(artist.json());
            out.add(m);
        }
        return out;
    }

    public List<QueueInput.RejectMessage> rejects(@ExchangeProperty(INPUT) QueueInput input, BatchResult result) {
        return input.rejects(result);
    }

    /**
     * Fails the message when Spotify could not answer for some of its IDs (retries exhausted), so
     * that the broker redelivers it, unless {@code enricher.queue.api-error=reject}.
     */
    public BatchResult requireAnswered(BatchResult result) {
        if (redeliverOnApiError) {
            for (Reject reject : result.rejects()) {
                if (Reject.API_ERROR.equals(reject.reason())) {
                    throw new SpotifyUnavailableException("Spotify did not answer for some IDs (" + reject.detail()
                            + "): the message is left to the broker for redelivery");
                }
            }
        }
        return result;
    }

    /**
     * Kafka: commits, for each partition of the poll, the offset after its last record. Called at
     * the end of the route, on the consumer thread, after every output was acknowledged by the
     * broker. (The manual-commit header of the batch itself would commit one partition only.)
     */
    public void commit(Exchange exchange) {
        Map<String, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Exchange record : records(exchange)) {
            KafkaManualCommit commit = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit != null) {
                lastPerPartition.put(record.getMessage().getHeader(KafkaConstants.TOPIC, String.class) + "-"
                        + record.getMessage().getHeader(KafkaConstants.PARTITION, String.class), commit);
            }
        }
        lastPerPartition.values().forEach(KafkaManualCommit::commit);
    }

    @SuppressWarnings("unchecked")
    private static List<Exchange> records(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Exchange) {
            return (List<Exchange>) list;
        }
        return Collections.emptyList();
    }

    private static String sourceOf(Exchange record) {
        String topic = record.getMessage().getHeader(KafkaConstants.TOPIC, String.class);
        if (topic == null) {
            return null;
        }
        return topic + "-" + record.getMessage().getHeader(KafkaConstants.PARTITION, String.class) + "@"
                + record.getMessage().getHeader(KafkaConstants.OFFSET, String.class);
    }
}
