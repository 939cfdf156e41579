package dev.artistenricher.queue;

import static org.awaitility.Awaitility.await;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EnricherHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The load side of {@link QueueBenchmark} on Kafka: one instance of the app in this JVM and, for two,
 * a second in a child JVM, in one consumer group; a producer and a reader of the output topic.
 */
final class KafkaLoad implements AutoCloseable {

    private final InProcessKafka kafka;
    private final String topic;
    private final EnricherHarness app;
    private final Process child;
    private final KafkaConsumer<String, String> output;

    private KafkaLoad(InProcessKafka kafka, String topic, EnricherHarness app, Process child, KafkaConsumer<String, String> output) {
        this.kafka = kafka;
        this.topic = topic;
        this.app = app;
        this.child = child;
        this.output = output;
    }

    static KafkaLoad start(InProcessKafka kafka, SpotifyEmulator emulator, Path dir, String topic, int instances,
            int consumersPerInstance) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("enricher.input-uri", "kafka:" + topic + "?consumersCount=" + consumersPerInstance);
        settings.put("enricher.output-uri", "kafka:out-" + topic);
        settings.put("enricher.kafka.brokers", kafka.bootstrapServers());
        settings.put("enricher.kafka.group-id", "bench-" + topic);
        settings.put("enricher.concurrency", Integer.toString(QueueBenchmark.CONCURRENCY));
        EnricherHarness app = new EnricherHarness(emulator, dir.resolve("a"));
        settings.forEach(app::with);
        app.startDaemon();
        Process child = instances == 2
                ? InProcessKafka.startChild(new EnricherHarness(emulator, dir.resolve("b")), settings, dir.resolve("child.log"))
                : null;
        kafka.awaitAssigned("bench-" + topic, instances * consumersPerInstance, 4);
        KafkaConsumer<String, String> output = kafka.consumer("reader-" + topic);
        output.subscribe(List.of("out-" + topic));
        output.poll(Duration.ofMillis(500)); // joined before the first record is produced
        return new KafkaLoad(kafka, topic, app, child, output);
    }

    QueueBenchmark.Throughput run(List<String> bodies, int distinct) {
        Map<String, Integer> seen = QueueBenchmark.newSeen();
        long start = System.nanoTime();
        kafka.produce(topic, bodies);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<String, String> r : output.poll(Duration.ofMillis(100))) {
                seen.merge(r.key(), 1, Integer::sum);
            }
            return seen.size() >= distinct;
        });
        return QueueBenchmark.Throughput.of(start, seen);
    }

    /** Milliseconds from producing each ID alone to its artist arriving. */
    List<Long> lone(List<String> ids) {
        List<Long> out = new ArrayList<>();
        for (String id : ids) {
            long start = System.nanoTime();
            kafka.produce(topic, List.of(id));
            boolean found = false;
            while (!found) {
                for (ConsumerRecord<String, String> r : output.poll(Duration.ofMillis(20))) {
                    found |= id.equals(r.key());
                }
                if (System.nanoTime() - start > 10_000_000_000L) {
                    throw new IllegalStateException("no artist for the lone record " + id);
                }
            }
            out.add((System.nanoTime() - start) / 1_000_000);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        output.close();
        if (child != null) {
            child.destroy();
            child.waitFor();
        }
        app.stopDaemon();
    }
}
