package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EnricherHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue mode on Kafka, one instance, a 4-partition topic: records of one ID each share API calls
 * (camel-kafka's batching consumer, one consumer per call in flight), every artist keyed by its ID.
 */
class KafkaBatchingTest {

    @TempDir
    static Path dir;
    private static InProcessKafka kafka;
    private static SpotifyEmulator emulator;
    private static EnricherHarness app;

    @BeforeAll
    static void start() throws Exception {
        kafka = InProcessKafka.start();
        kafka.createTopic("artist-ids", 4);
        emulator = SpotifyEmulator.start(0);
        emulator.controls().syntheticCatalog(true);
        app = new EnricherHarness(emulator, dir)
                .with("enricher.input-uri", "kafka:artist-ids")
                .with("enricher.output-uri", "kafka:" + InProcessKafka.OUTPUT)
                .with("enricher.rejects-uri", "kafka:" + InProcessKafka.REJECTS)
                .with("enricher.kafka.brokers", kafka.bootstrapServers())
                .with("enricher.kafka.group-id", "batching-test");
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
    void aThousandOneIdRecordsCostTwentyCalls() throws Exception {
        List<String> ids = JmsApp.distinctIds(1000, new Random(5));
        // on the topic before the app starts: each of the 4 consumers finds its partition's 250 waiting
        kafka.produce("artist-ids", ids);
        app.startDaemon();
        try (KafkaConsumer<String, String> out = kafka.consumer("batching-test-reader")) {
            out.subscribe(List.of(InProcessKafka.OUTPUT, InProcessKafka.REJECTS));
            Map<String, Integer> seen = new HashMap<>();
            List<String> rejects = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO)
                    .until(() -> InProcessKafka.read(out, seen, rejects) >= ids.size());
            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(rejects).isEmpty();
        } finally {
            assertThat(app.stopDaemon()).isZero();
        }
        // ⌈250 / 50⌉ calls per partition's batch: 20
        assertThat(emulator.stats().batchCalls()).isEqualTo(20);
        assertThat(emulator.stats().apiCalls()).isEqualTo(20);
    }
}
