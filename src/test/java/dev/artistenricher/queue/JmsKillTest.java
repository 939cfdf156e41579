package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EnricherHarness;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a JMS stream: the app (with its embedded broker) dies in a child JVM
 * while batches are in flight; started again on the same broker journal, it delivers every ID at
 * least once. Nothing a batch received was lost with it: the batch's transaction had not committed.
 */
class JmsKillTest {

    @TempDir
    Path dir;

    @Test
    void aKilledInstanceLosesNoIdAndTheRestartDeliversTheRest() throws Exception {
        try (SpotifyEmulator emulator = SpotifyEmulator.start(0)) {
            emulator.controls().syntheticCatalog(true);
            emulator.controls().latency(Duration.ofMillis(40));
            List<String> ids = JmsApp.distinctIds(3000, new Random(11));
            int brokerPort = JmsApp.freePort();
            EnricherHarness app = JmsApp.harness(emulator, dir, brokerPort).with("enricher.concurrency", "2");
            Map<String, Integer> seen = new HashMap<>();

            Process child = InProcessKafka.startChild(app, Map.of(), dir.resolve("child.log"));
            try {
                try (JmsClient jms = JmsClient.connect(brokerPort)) {
                    jms.sendAll("artist-ids", ids);
                    readUntil(jms.url(), seen, 500);
                }
            } finally {
                child.destroyForcibly().waitFor(); // SIGKILL: no shutdown, the broker dies with the app
            }
            assertThat(seen.size()).as("killed mid-stream").isLessThan(ids.size());

            app.startDaemon(); // the same journal: the uncommitted batches are back on the queue
            try (JmsClient jms = JmsClient.connect(brokerPort)) {
                readUntil(jms.url(), seen, ids.size());
            } finally {
                assertThat(app.stopDaemon()).isZero();
            }
            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    /** Reads the output queue until that many distinct artists were seen. */
    private static void readUntil(String url, Map<String, Integer> seen, int distinct) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("artists-enriched"));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO).until(() -> {
                for (Message m = consumer.receive(200); m != null; m = consumer.receiveNoWait()) {
                    seen.merge(m.getStringProperty("artistId"), 1, Integer::sum);
                }
                return seen.size() >= distinct;
            });
        }
    }
}
