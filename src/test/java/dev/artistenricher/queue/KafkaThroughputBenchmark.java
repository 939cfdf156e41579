package dev.artistenricher.queue;

import static org.awaitility.Awaitility.await;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EnricherHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of queue mode on Kafka at 50 ms emulator latency, one and two instances in one consumer
 * group (issue 3's figures). Not part of {@code mvn -B verify}: run it with
 * {@code mvn -B test -Dtest=KafkaThroughputBenchmark -Dbench=kafka}.
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "bench", matches = "kafka")
class KafkaThroughputBenchmark {

    private static final String GROUP = "enricher-bench";
    private static final int RECORDS = 10_000;

    @TempDir
    static Path dir;
    private static InProcessKafka kafka;
    private static SpotifyEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        kafka = InProcessKafka.start();
        emulator = SpotifyEmulator.start(0);
        emulator.controls().syntheticCatalog(true);
        emulator.controls().latency(Duration.ofMillis(50));
    }

    @AfterAll
    static void stop() throws Exception {
        if (emulator != null) {
            emulator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void oneAndTwoInstances() throws Exception {
        for (int instances = 1; instances <= 2; instances++) {
            String group = GROUP + "-" + instances;
            String topic = "artist-ids-" + instances;
            kafka.createTopic(topic, 4);
            Random random = new Random(instances);
            List<String> records = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                records.add(InProcessKafka.randomId(random));
            }
            Map<String, String> settings = new HashMap<>();
            settings.put("enricher.input-uri", "kafka:" + topic + "?pollTimeoutMs=200");
            settings.put("enricher.output-uri", "kafka:artists-enriched");
            settings.put("enricher.rejects-uri", "kafka:artist-rejects");
            settings.put("enricher.kafka.brokers", kafka.bootstrapServers());
            settings.put("enricher.kafka.group-id", group);

            EnricherHarness inJvm = new EnricherHarness(emulator, dir.resolve("a" + instances));
            settings.forEach(inJvm::with);
            inJvm.startDaemon();
            Process child = instances == 2
                    ? InProcessKafka.startChild(new EnricherHarness(emulator, dir.resolve("b" + instances)), settings, dir.resolve("child.log"))
                    : null;
            kafka.awaitGroup(group, instances);
            Set<String> expected = new HashSet<>(records);
            Map<String, Integer> seen = new HashMap<>();
            try (KafkaConsumer<String, String> out = kafka.consumer("reader-" + instances)) {
                out.subscribe(List.of(InProcessKafka.OUTPUT));
                InProcessKafka.read(out, new HashMap<>(), new ArrayList<>()); // join before producing
                long start = System.nanoTime();
                kafka.produce(topic, records);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ZERO).until(() -> {
                    InProcessKafka.read(out, seen, new ArrayList<>());
                    return seen.keySet().containsAll(expected);
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("KAFKA instances=%d records=%d ids=%d seconds=%.1f messages/s=%.0f IDs/s=%.0f%n",
                        instances, RECORDS, expected.size(), seconds, RECORDS / seconds, expected.size() / seconds);
            } finally {
                if (child != null) {
                    child.destroy();
                    child.waitFor();
                }
                inJvm.stopDaemon();
            }
        }
    }
}
