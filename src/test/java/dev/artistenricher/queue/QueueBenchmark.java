package dev.artistenricher.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EnricherHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue mode against real brokers (the embedded Artemis, an in-process KRaft Kafka) and the emulator
 * at 50 ms latency, concurrency 4: the batched API bound is 4 x 50 / 0.05 s = 4,000 IDs/s. Not part of
 * {@code mvn -B verify}: {@code bench/run.sh queue} runs it (see bench/README.md) and writes
 * {@code bench/results/queue-latest.json}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "queue")
class QueueBenchmark {

    static final Duration LATENCY = Duration.ofMillis(50);
    static final int CONCURRENCY = 4;
    static final double BOUND = CONCURRENCY * 50 / (LATENCY.toMillis() / 1000.0);
    private static final int IDS = Integer.getInteger("bench.ids", 20_000);
    private static final int LONE = Integer.getInteger("bench.lone", 100);

    @TempDir
    Path dir;
    private final Random random = new Random(1);
    private final ArrayNode rows = new ObjectMapper().createArrayNode();

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void queueModeAtTheApiBound() throws Exception {
        try (SpotifyEmulator emulator = SpotifyEmulator.start(0)) {
            emulator.controls().syntheticCatalog(true);
            emulator.controls().latency(LATENCY);
            String only = System.getProperty("bench.only", "");
            if (!only.equals("kafka")) {
                jms(emulator);
            }
            if (!only.equals("jms")) {
                kafka(emulator);
            }
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("latencyMs", LATENCY.toMillis()).put("concurrency", CONCURRENCY).put("boundIdsPerSecond", BOUND);
        out.set("rows", rows);
        Path results = Path.of(System.getProperty("bench.out", "bench/results/queue-latest.json"));
        Files.createDirectories(results.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(results.toFile(), out);
        System.out.println("QUEUE results in " + results.toAbsolutePath());
    }

    private void jms(SpotifyEmulator emulator) throws Exception {
        int brokerPort = JmsApp.freePort();
        EnricherHarness app = JmsApp.harness(emulator, dir.resolve("jms"), brokerPort)
                .with("enricher.concurrency", Integer.toString(CONCURRENCY));
        app.startDaemon();
        try (JmsClient jms = JmsClient.connect(brokerPort); JmsLoad load = new JmsLoad(jms)) {
            for (int idsPerMessage : new int[] {1, 50, 500}) {
                List<String> bodies = bodies(idsPerMessage);
                emulator.stats().reset();
                Throughput t = load.run(bodies, IDS);
                row("JMS (embedded Artemis)", idsPerMessage, 1, bodies.size(), t, emulator);
            }
            emulator.stats().reset();
            latencyRow("JMS lone message", load.lone(bodies(1).subList(0, LONE)));
        } finally {
            app.stopDaemon();
        }
    }

    private void kafka(SpotifyEmulator emulator) throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start()) {
            int round = 0;
            for (int[] shape : new int[][] {{1, 1}, {50, 1}, {1, 2}}) {
                int idsPerMessage = shape[0];
                int instances = shape[1];
                String topic = "ids-" + (++round);
                kafka.createTopic(topic, 4);
                List<String> bodies = bodies(idsPerMessage);
                // two instances: two consumers each, so that the four partitions are shared out
                try (KafkaLoad load = KafkaLoad.start(kafka, emulator, dir.resolve("kafka-" + round), topic, instances,
                        instances == 1 ? CONCURRENCY : 2)) {
                    emulator.stats().reset();
                    Throughput t = load.run(bodies, IDS);
                    row("Kafka (KRaft, 4 partitions)", idsPerMessage, instances, bodies.size(), t, emulator);
                    if (idsPerMessage == 1 && instances == 1) {
                        emulator.stats().reset();
                        latencyRow("Kafka lone record", load.lone(bodies(1).subList(0, LONE)));
                    }
                }
            }
        }
    }

    /** {@code IDS} distinct IDs in messages of {@code idsPerMessage} lines each. */
    private List<String> bodies(int idsPerMessage) {
        List<String> ids = JmsApp.distinctIds(IDS, random);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += idsPerMessage) {
            bodies.add(String.join("\n", ids.subList(i, Math.min(ids.size(), i + idsPerMessage))));
        }
        return bodies;
    }

    private void row(String door, int idsPerMessage, int instances, int messages, Throughput t, SpotifyEmulator emulator) {
        double idsPerSecond = IDS / t.seconds();
        long calls = emulator.stats().apiCalls();
        long tooMany = emulator.stats().callsWithStatus(429);
        rows.addObject().put("door", door).put("idsPerMessage", idsPerMessage).put("instances", instances)
                .put("messages", messages).put("ids", IDS).put("seconds", t.seconds())
                .put("idsPerSecond", Math.round(idsPerSecond)).put("percentOfBound", Math.round(1000 * idsPerSecond / BOUND) / 10.0)
                .put("calls", calls).put("minimumCalls", (IDS + 49) / 50).put("status429", tooMany).put("duplicates", t.duplicates());
        System.out.printf("QUEUE %-28s %3d ID/msg %d instance(s): %6.0f IDs/s (%4.1f %% of %.0f) calls %d (min %d) 429s %d duplicates %d%n",
                door, idsPerMessage, instances, idsPerSecond, 100 * idsPerSecond / BOUND, BOUND, calls, (IDS + 49) / 50, tooMany,
                t.duplicates());
    }

    private void latencyRow(String what, List<Long> millis) {
        IntFunction<Long> pct = p -> millis.stream().sorted().toList().get(Math.min(millis.size() - 1, millis.size() * p / 100));
        rows.addObject().put("door", what).put("samples", millis.size()).put("p50Ms", pct.apply(50)).put("p99Ms", pct.apply(99));
        System.out.printf("QUEUE %-28s p50 %d ms, p99 %d ms (%d samples; batch timeout 100 ms + one 50 ms call)%n", what,
                pct.apply(50), pct.apply(99), millis.size());
    }

    /** Time from the first message sent to the last distinct artist received, and the artists received twice. */
    record Throughput(double seconds, long duplicates) {
        static Throughput of(long startNanos, Map<String, Integer> seen) {
            long duplicates = seen.values().stream().mapToLong(n -> n - 1).sum();
            return new Throughput((System.nanoTime() - startNanos) / 1e9, duplicates);
        }
    }

    static Map<String, Integer> newSeen() {
        return new HashMap<>();
    }
}
