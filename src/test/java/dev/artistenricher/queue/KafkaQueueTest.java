package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
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
 * Queue mode on Kafka: two instances of the application in one consumer group share a 4-partition
 * topic; one of them (a child JVM) is killed with SIGKILL half way. At-least-once: every valid ID
 * reaches the output topic, keyed by its artist ID, and the distinct count is exact.
 */
class KafkaQueueTest {

    private static final String GROUP = "enricher-test";

    @TempDir
    static Path dir;
    private static InProcessKafka kafka;
    private static SpotifyEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        kafka = InProcessKafka.start();
        kafka.createTopic("artist-ids", 4);
        emulator = SpotifyEmulator.start(0);
        emulator.controls().syntheticCatalog(true);
        emulator.controls().latency(Duration.ofMillis(100));
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
    void twoInstancesShareTheTopicAndKillingOneLosesNothing() throws Exception {
        // ~3000 distinct IDs in 2000 records: one ID, several lines, or a JSON array; some invalid, some repeated
        Random random = new Random(42);
        Set<String> expected = new HashSet<>();
        List<String> records = new ArrayList<>();
        int invalid = 0;
        while (expected.size() < 3000) {
            int kind = records.size() % 10;
            if (kind < 6) {
                String id = InProcessKafka.randomId(random);
                expected.add(id);
                records.add(id);
            } else if (kind < 8) {
                String a = InProcessKafka.randomId(random);
                String b = InProcessKafka.randomId(random);
                expected.add(a);
                expected.add(b);
                records.add("spotify:artist:" + a + "\n" + b + "\n" + a);
            } else if (kind == 8) {
                String a = InProcessKafka.randomId(random);
                expected.add(a);
                records.add("[\"" + a + "\", \"no-id-" + records.size() + "\"]");
                invalid++;
            } else {
                records.add("https://open.spotify.com/artist/" + records.get(records.size() - 3).lines().findFirst().orElseThrow()
                        .replace("spotify:artist:", "").replace("[\"", "").split("\"")[0]);
            }
        }

        Map<String, String> settings = new HashMap<>();
        // one consumer per instance, so that the group has one member each
        settings.put("enricher.input-uri", "kafka:artist-ids?sessionTimeoutMs=3000&heartbeatIntervalMs=500&consumersCount=1");
        settings.put("enricher.output-uri", "kafka:artists-enriched");
        settings.put("enricher.rejects-uri", "kafka:artist-rejects");
        settings.put("enricher.kafka.brokers", kafka.bootstrapServers());
        settings.put("enricher.kafka.group-id", GROUP);
        settings.put("enricher.kafka.max-poll-records", "50");

        EnricherHarness inJvm = new EnricherHarness(emulator, dir.resolve("a"));
        settings.forEach(inJvm::with);
        inJvm.startDaemon();
        Process child = InProcessKafka.startChild(new EnricherHarness(emulator, dir.resolve("b")), settings, dir.resolve("child.log"));
        try {
            kafka.awaitGroup(GROUP, 2); // both instances are members, with partitions of their own
            kafka.produce("artist-ids", records);

            Map<String, Integer> seen = new HashMap<>();
            List<String> rejects = new ArrayList<>();
            try (KafkaConsumer<String, String> out = kafka.consumer("test-reader")) {
                out.subscribe(List.of(InProcessKafka.OUTPUT, InProcessKafka.REJECTS));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO)
                        .until(() -> InProcessKafka.read(out, seen, rejects) >= expected.size() / 2);
                assertThat(seen.size()).as("the child was killed half way").isLessThan(expected.size());
                child.destroyForcibly().waitFor();

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO)
                        .until(() -> InProcessKafka.read(out, seen, rejects) >= expected.size());
                assertThat(seen.keySet()).isEqualTo(expected);
                assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(expected.size());
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ZERO)
                        .until(() -> {
                            InProcessKafka.read(out, seen, rejects);
                            return new HashSet<>(rejects).size() == (int) records.stream().filter(r -> r.contains("no-id-")).count();
                        });
            }
            assertThat(invalid).isPositive();
        } finally {
            child.destroyForcibly();
            assertThat(inJvm.stopDaemon()).isZero();
        }
    }
}
