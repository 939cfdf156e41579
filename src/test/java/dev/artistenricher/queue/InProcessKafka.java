package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.App;
import dev.artistenricher.support.EnricherHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
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

/**
 * A single-node KRaft Kafka broker in the test JVM (Kafka's own test kit, see ENGINEERING.md
 * "Brokers" for the settings one node needs), with the topics of queue mode and the client chores
 * the Kafka tests share: producing input, reading and checking outputs, starting a second
 * instance of the application in a child JVM.
 */
final class InProcessKafka implements AutoCloseable {

    static final String OUTPUT = "artists-enriched";
    static final String REJECTS = "artist-rejects";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final KafkaClusterTestKit cluster;

    private InProcessKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts the broker with the output topic (4 partitions) and the rejects topic. */
    static InProcessKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
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
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        InProcessKafka kafka = new InProcessKafka(cluster);
        kafka.createTopic(OUTPUT, 4);
        kafka.createTopic(REJECTS, 1);
        return kafka;
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /** Waits until the group has that many members, each with partitions of its own. */
    void awaitGroup(String group, int members) throws Exception {
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return description.members().size() == members
                        && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    /** Waits until the group has that many members and every one of the topic's partitions is assigned. */
    void awaitAssigned(String group, int members, int partitions) throws Exception {
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return description.members().size() == members
                        && description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum() == partitions;
            });
        }
    }

    /** Sends the records round-robin over the topic's 4 partitions. */
    void produce(String topic, List<String> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < records.size(); i++) {
                producer.send(new ProducerRecord<>(topic, i % 4, null, records.get(i)));
            }
            producer.flush();
        }
    }

    KafkaConsumer<String, String> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /**
     * One poll of the output and rejects topics: each artist must be keyed by its ID and carry it in
     * the artistId header; counts the artists by ID, collects the rejects with their source.
     */
    static int read(KafkaConsumer<String, String> consumer, Map<String, Integer> seen, List<String> rejects) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.topic().equals(REJECTS)) {
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

    /** Another instance of the application in its own JVM, so that it can die as a crash does (SIGKILL). */
    static Process startChild(EnricherHarness harness, Map<String, String> settings, Path log) throws Exception {
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
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static String randomId(Random random) {
        StringBuilder id = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
