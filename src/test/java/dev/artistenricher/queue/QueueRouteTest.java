package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artistenricher.config.ConfigurationException;
import dev.artistenricher.config.QueueSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The endpoint options queue mode relies on, and when queue mode is on at all. */
class QueueRouteTest {

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
        QueueRoute route = new QueueRoute(settings(Map.of(
                "enricher.input-uri", "kafka:ids?maxPollRecords=10&breakOnFirstError=true",
                "enricher.output-uri", "kafka:out",
                "enricher.kafka.brokers", "localhost:9092")));
        assertThat(route.parameters().get("inputUri")).isEqualTo(
                "kafka:ids?maxPollRecords=10&breakOnFirstError=true&batching=true&allowManualCommit=true&autoCommitEnable=false");
        assertThat(route.parameters().get("outputUri")).isEqualTo(
                "kafka:out?synchronous=true&enableIdempotence=true&requestRequiredAcks=all");
        assertThat(route.parameters().get("keyHeader")).isEqualTo("kafka.KEY");
    }

    @Test
    void jmsWithoutABrokerUrlStartsTheEmbeddedBroker() {
        QueueSettings jms = settings(Map.of("enricher.input-uri", "jms:queue:a", "enricher.output-uri", "jms:queue:b"));
        assertThat(jms.broker()).isEqualTo(QueueSettings.Broker.EMBEDDED);
        assertThat(new QueueRoute(jms).parameters().get("inputUri")).isEqualTo("jms:queue:a");
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
