package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.App;
import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EnricherHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;
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
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RECORDS = 10_000;

    @TempDir
    static Path dir;
    private static KafkaClusterTestKit kafka;
    private static SpotifyEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("group.min.session.timeout.ms", "1000")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("artist-ids", 4, (short) 1), new NewTopic("artists-enriched", 4, (short) 1),
                    new NewTopic("artist-rejects", 1, (short) 1))).all().get();
        }
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
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
            }
            Random random = new Random(instances);
            List<String> records = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                records.add(randomId(random));
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
            Process child = instances == 2 ? startChild(new EnricherHarness(emulator, dir.resolve("b" + instances)), settings) : null;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                int members = instances;
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                    return g.members().size() == members
                            && g.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                });
            }
            Set<String> expected = new HashSet<>(records);
            Map<String, Integer> seen = new HashMap<>();
            try (KafkaConsumer<String, String> out = consumer("reader-" + instances)) {
                out.subscribe(List.of("artists-enriched"));
                read(out, new HashMap<>(), new ArrayList<>()); // join before producing
                long start = System.nanoTime();
                produce(topic, records);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ZERO).until(() -> {
                    read(out, seen, new ArrayList<>());
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

    private static int read(KafkaConsumer<String, String> consumer, Map<String, Integer> seen, List<String> rejects) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.topic().equals("artist-rejects")) {
                Header source = r.headers().lastHeader("source");
                rejects.add((source == null ? "" : new String(source.value(), StandardCharsets.UTF_8)) + " " + r.value());
                continue;
            }
            String id = r.key();
            assertThat(r.value()).contains("\"id\":\"" + id + "\"");
            Header header = r.headers().lastHeader("artistId");
            assertThat(header).isNotNull();
            assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo(id);
            seen.merge(id, 1, Integer::sum);
        }
        return seen.size();
    }

    private static void produce(String topic, List<String> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < records.size(); i++) {
                producer.send(new ProducerRecord<>(topic, i % 4, null, records.get(i)));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** A second instance in its own JVM, so that it can die as a crash does (SIGKILL), not stop politely. */
    private static Process startChild(EnricherHarness harness, Map<String, String> settings) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        Properties properties = new Properties();
        properties.putAll(harness.properties);
        properties.putAll(settings);
        for (String key : properties.stringPropertyNames()) {
            command.add("-D" + key + "=" + properties.getProperty(key));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(App.class.getName());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
    }

    private static String randomId(Random random) {
        StringBuilder id = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
