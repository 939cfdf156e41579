package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artistenricher.config.ConfigurationException;
import dev.artistenricher.config.QueueSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The endpoint options queue mode relies on, and when queue mode is on at all. */
class QueueRoutesTest {

    private static QueueSettings settings(Map<String, String> values) {
        return QueueSettings.read(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void withoutAnInputUriQueueModeIsOffAndNeedsNothing() {
        QueueSettings off = settings(Map.of());
        assertThat(off.enabled()).isFalse();
        assertThat(off.broker()).isEqualTo(QueueSettings.Broker.NONE);
    }

    @Test
    void kafkaInputGetsBatchingAndManualCommitUnlessTheUriSetsThem() {
        QueueRoutes routes = new QueueRoutes(settings(Map.of(
                "enricher.input-uri", "kafka:ids?maxPollRecords=10&breakOnFirstError=true&sessionTimeoutMs=3000",
                "enricher.output-uri", "kafka:out",
                "enricher.kafka.brokers", "localhost:9092",
                "enricher.queue.batch-timeout", "250ms")), 4);
        assertThat(routes.routeIds()).containsExactly("queue", "queue-batch");
        assertThat(routes.parameters("queue")).containsEntry("templateId", "queue-kafka").containsEntry("inputUri",
                "kafka:ids?maxPollRecords=10&breakOnFirstError=true&sessionTimeoutMs=3000&batching=true&allowManualCommit=true"
                        + "&autoCommitEnable=false&pollTimeoutMs=250&batchingIntervalMs=250&consumersCount=4&heartbeatIntervalMs=3000");
        assertThat(routes.parameters("queue-batch"))
                .containsEntry("outputUri", "kafka:out?enableIdempotence=true&requestRequiredAcks=all&batchWithIndividualHeaders=true")
                .containsEntry("keyHeader", "kafka.KEY")
                .containsEntry("parallel", "true")
                .containsEntry("listSend", "true");
    }

    @Test
    void jmsWithoutABrokerUrlStartsTheEmbeddedBroker() {
        QueueSettings jms = settings(Map.of("enricher.input-uri", "jms:queue:a", "enricher.output-uri", "jms:queue:b"));
        assertThat(jms.broker()).isEqualTo(QueueSettings.Broker.EMBEDDED);
        QueueRoutes routes = new QueueRoutes(jms, 2);
        // a transaction per batch on each of 2 x enricher.concurrency workers, sends on the transaction's thread
        assertThat(routes.routeIds()).containsExactly("queue-jms-1", "queue-jms-2", "queue-jms-3", "queue-jms-4", "queue-batch");
        assertThat(routes.parameters("queue-batch")).containsEntry("parallel", "false").containsEntry("listSend", "false")
                .containsEntry("outputUri", "jms:queue:b");
        assertThat(QueueSettings.jmsQueue("jms:queue:a?concurrentConsumers=2")).contains("a");
        assertThat(QueueSettings.jmsQueue("jms:a")).contains("a");
        assertThat(QueueSettings.jmsQueue("jms:topic:a")).isEmpty();
        assertThat(new QueueRoutes(settings(Map.of("enricher.input-uri", "seda:in", "enricher.output-uri", "seda:out")), 2)
                .parameters("queue")).containsEntry("templateId", "queue-any").containsEntry("inputUri", "seda:in");
        assertThat(settings(Map.of("enricher.input-uri", "jms:queue:a", "enricher.output-uri", "jms:queue:b",
                "enricher.broker-url", "tcp://broker:61616")).broker()).isEqualTo(QueueSettings.Broker.EXTERNAL);
    }

    @Test
    void anInputWithoutAnOutputStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> settings(Map.of("enricher.input-uri", "jms:queue:a")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("enricher.output-uri");
        assertThatThrownBy(() -> settings(Map.of("enricher.input-uri", "kafka:a", "enricher.output-uri", "kafka:b")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("enricher.kafka.brokers");
    }
}
