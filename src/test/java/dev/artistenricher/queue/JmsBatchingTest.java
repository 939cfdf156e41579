package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EnricherHarness;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue mode on JMS at the API bound: IDs of many one-ID messages share calls, a lone message is not
 * held back, a message that is not text does not fail its batch.
 */
class JmsBatchingTest {

    private static final Duration BATCH_TIMEOUT = Duration.ofMillis(100);

    @TempDir
    static Path dir;
    private static SpotifyEmulator emulator;
    private static EnricherHarness app;
    private static JmsClient jms;
    private static int managementPort;
    private static final Random RANDOM = new Random(7);

    @BeforeAll
    static void start() throws Exception {
        emulator = SpotifyEmulator.start(0);
        emulator.controls().syntheticCatalog(true);
        int port = freePort();
        managementPort = freePort();
        app = new EnricherHarness(emulator, dir)
                .with("enricher.input-uri", "jms:queue:artist-ids")
                .with("enricher.output-uri", "jms:queue:artists-enriched")
                .with("enricher.rejects-uri", "jms:queue:artist-rejects")
                .with("enricher.broker.data-dir", dir.resolve("broker").toString())
                .with("enricher.broker.bind", "tcp://127.0.0.1:" + port)
                .with("enricher.queue.batch-timeout", BATCH_TIMEOUT.toMillis() + "ms")
                .with("enricher.max-inline-wait", "1s")
                .with("camel.management.enabled", "true")
                .with("camel.management.port", Integer.toString(managementPort));
        app.startDaemon();
        jms = JmsClient.connect(port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (jms != null) {
            jms.close();
        }
        if (app != null) {
            assertThat(app.stopDaemon()).isZero();
        }
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.controls().reset();
        emulator.controls().syntheticCatalog(true);
        emulator.stats().reset();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> distinctIds(int n) {
        Set<String> ids = new HashSet<>();
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String id = InProcessKafka.randomId(RANDOM);
            if (ids.add(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private static Set<String> artistIds(List<Message> messages) throws Exception {
        Set<String> out = new HashSet<>();
        for (Message m : messages) {
            String id = m.getStringProperty("artistId");
            assertThat(((TextMessage) m).getText()).contains("\"id\":\"" + id + "\"");
            out.add(id);
        }
        return out;
    }

    @Test
    void aThousandOneIdMessagesCostTwentyCalls() throws Exception {
        List<String> ids = distinctIds(1000);
        jms.sendAll("artist-ids", ids);

        assertThat(artistIds(jms.receive("artists-enriched", 1000, Duration.ofSeconds(30)))).containsExactlyInAnyOrderElementsOf(ids);
        // ⌈1000 / 50⌉: every call carries the IDs of 50 messages
        assertThat(emulator.stats().apiCalls()).isEqualTo(20);
        assertThat(emulator.stats().batchCalls()).isEqualTo(20);
        assertThat(jms.waiting("DLQ")).isZero();
    }

    @Test
    void aLoneMessageIsAnsweredWithinTheBatchTimeoutAndOneCall() throws Exception {
        Duration latency = Duration.ofMillis(50);
        emulator.controls().latency(latency);
        String id = distinctIds(1).get(0);

        long sent = System.nanoTime();
        jms.sendAll("artist-ids", List.of(id));
        List<Message> out = jms.receive("artists-enriched", 1, Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - sent).minusMillis(300); // receive()'s "no more" wait

        assertThat(artistIds(out)).containsExactly(id);
        assertThat(emulator.stats().apiCalls()).isEqualTo(1);
        // the batch timeout, one call and the broker's round trips (generous for a loaded build machine)
        assertThat(took).isLessThan(BATCH_TIMEOUT.plus(latency).plusSeconds(1));
    }

    @Test
    void aMessageThatIsNotTextGoesToTheDeadLetterQueueAloneAndItsNeighboursAreEnriched() throws Exception {
        List<String> ids = distinctIds(2);
        byte[] binary = {0, 1, 2, (byte) 0xff};
        jms.sendMixed("artist-ids", List.of(ids.get(0), binary, ids.get(1), "not-an-id"));

        assertThat(artistIds(jms.receive("artists-enriched", 2, Duration.ofSeconds(10)))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(JmsClient.texts(jms.receive("artist-rejects", 1, Duration.ofSeconds(10))).get(0))
                .contains("\"input\":\"not-an-id\"", "\"reason\":\"invalid_id\"");
        List<Message> dead = jms.receive("DLQ", 1, Duration.ofSeconds(10));
        byte[] body = dead.get(0).getBody(byte[].class);
        assertThat(body).isEqualTo(binary);
        // one batch: the two IDs shared one call
        assertThat(emulator.stats().apiCalls()).isEqualTo(1);
    }
}
