package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EnricherHarness;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue mode on JMS: the whole application (as production starts it) with its embedded Artemis
 * broker, fed and read by a plain JMS client over TCP, against the Spotify emulator.
 */
class JmsQueueTest {

    private static final String UNKNOWN = "zzzzzzzzzzzzzzzzzzzzzz";

    @TempDir
    static Path dir;
    private static SpotifyEmulator emulator;
    private static EnricherHarness app;
    private static List<String> ids;
    private static Connection connection;
    private static Session session;

    @BeforeAll
    static void start() throws Exception {
        emulator = SpotifyEmulator.start(0);
        ids = emulator.catalog().ids();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        app = new EnricherHarness(emulator, dir)
                .with("enricher.input-uri", "jms:queue:artist-ids")
                .with("enricher.output-uri", "jms:queue:artists-enriched")
                .with("enricher.rejects-uri", "jms:queue:artist-rejects")
                .with("enricher.broker.data-dir", dir.resolve("broker").toString())
                .with("enricher.broker.bind", "tcp://127.0.0.1:" + port)
                .with("enricher.broker.max-delivery-attempts", "3")
                .with("enricher.broker.redelivery-delay", "0s")
                // a failing Spotify call is given up at once: each delivery attempt fails fast
                .with("enricher.retry.give-up-after", "0s");
        app.startDaemon();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    connection = factory.createConnection();
                    return true;
                });
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (app != null) {
            assertThat(app.stopDaemon()).isZero();
        }
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.controls().reset();
        emulator.stats().reset();
    }

    private static String artist(String id) {
        return new String(emulator.catalog().artistJson(id, false).orElseThrow(), StandardCharsets.UTF_8);
    }

    private static void send(String body, Map<String, String> properties) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue("artist-ids"))) {
            TextMessage message = session.createTextMessage(body);
            for (Map.Entry<String, String> p : properties.entrySet()) {
                message.setStringProperty(p.getKey(), p.getValue());
            }
            producer.send(message);
        }
    }

    /** Receives {@code count} messages, then checks that no further one follows within a short while. */
    private static List<TextMessage> receive(String queue, int count) throws JMSException {
        List<TextMessage> out = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (out.size() < count) {
                Message m = consumer.receive(30_000);
                assertThat(m).as("message %d of %d on %s", out.size() + 1, count, queue).isNotNull();
                out.add((TextMessage) m);
            }
            assertThat(consumer.receive(300)).as("no more messages on " + queue).isNull();
        }
        return out;
    }

    private static List<String> bodies(List<TextMessage> messages) throws JMSException {
        List<String> out = new ArrayList<>();
        for (TextMessage m : messages) {
            out.add(m.getText());
        }
        return out;
    }

    @Test
    void idsInAMessageComeBackEnrichedOneMessageEachAndRejectsOnTheirOwnQueue() throws Exception {
        String a = ids.get(0);
        String b = ids.get(1);
        String c = ids.get(2);
        send(a + "\nnot-an-id\r\n\nspotify:artist:" + b + "\n" + UNKNOWN + "\n" + a + "\n", Map.of());
        send("[\"https://open.spotify.com/artist/" + c + "?si=x\", \"bad\"]", Map.of());

        // in order within a message; two messages may be two batches, enriched side by side
        List<String> artists = bodies(receive("artists-enriched", 3));
        assertThat(artists).containsExactlyInAnyOrder(artist(a), artist(b), artist(c));
        assertThat(artists.indexOf(artist(a))).isLessThan(artists.indexOf(artist(b)));

        assertThat(bodies(receive("artist-rejects", 3))).containsExactlyInAnyOrder(
                "{\"line\":2,\"input\":\"not-an-id\",\"reason\":\"invalid_id\",\"detail\":\"not a Spotify artist ID, URI or URL\"}",
                "{\"line\":5,\"input\":\"" + UNKNOWN + "\",\"reason\":\"not_found\",\"detail\":\"Spotify has no artist with this ID\"}",
                "{\"line\":2,\"input\":\"bad\",\"reason\":\"invalid_id\",\"detail\":\"an ID has 22 characters, this has 3\"}");
        // the two messages share calls: one when the second arrived within the batch timeout of the first
        assertThat(emulator.stats().batchCalls()).isBetween(1L, 2L);
    }

    @Test
    void headersFromTheQueueChooseNothing() throws Exception {
        String a = ids.get(3);
        send(a, Map.of(
                "CamelFileName", "../../x",
                "CamelHttpUri", "http://evil.example/steal",
                "CamelHttpPath", "/../../token",
                "CamelJmsDestinationName", "evil",
                "Authorization", "Bearer stolen-token",
                "artistId", "0000000000000000000000"));

        List<TextMessage> artists = receive("artists-enriched", 1);
        TextMessage out = artists.get(0);
        assertThat(out.getText()).isEqualTo(artist(a));
        assertThat(out.getStringProperty("artistId")).isEqualTo(a);
        for (String hostile : List.of("CamelFileName", "CamelHttpUri", "CamelHttpPath", "CamelJmsDestinationName", "Authorization")) {
            assertThat(out.propertyExists(hostile)).as(hostile).isFalse();
        }
        assertThat(receive("evil", 0)).isEmpty();
        assertThat(Files.exists(dir.getParent().resolve("x"))).isFalse();
        // the emulator saw one well-formed call: our bearer token, our URL, the one ID
        assertThat(emulator.stats().apiCalls()).isEqualTo(1);
        assertThat(emulator.stats().servedIds()).containsExactly(a);
        assertThat(emulator.stats().unknownTokenCalls()).isZero();
        assertThat(emulator.stats().callsWithStatus(400)).isZero();
        assertThat(emulator.stats().callsWithStatus(404)).isZero();
    }

    @Test
    void aFailureBeforeEverythingWasSentRollsTheMessageBackAndItIsRedelivered() throws Exception {
        String a = ids.get(4);
        String b = ids.get(5);
        send(a, Map.of()); // a is now cached: in the next message it is sent before b's API call fails
        assertThat(bodies(receive("artists-enriched", 1))).containsExactly(artist(a));
        emulator.stats().reset();

        emulator.controls().failNext(2, 503);
        send(a + "\n" + b, Map.of());

        // two deliveries fail (a was sent each time, inside the transaction), the third succeeds: a and b
        // arrive exactly once, nothing is rejected
        assertThat(bodies(receive("artists-enriched", 2))).containsExactly(artist(a), artist(b));
        assertThat(receive("artist-rejects", 0)).isEmpty();
        assertThat(emulator.stats().callsWithStatus(503)).isEqualTo(2);
    }

    @Test
    void aPoisonMessageEndsOnTheDeadLetterQueueAfterTheLastAttempt() throws Exception {
        String c = ids.get(6);
        emulator.controls().failNext(1000, 500);
        send("poison\n" + c, Map.of());

        List<TextMessage> dead = receive("DLQ", 1);
        assertThat(dead.get(0).getText()).isEqualTo("poison\n" + c);
        assertThat(emulator.stats().callsWithStatus(500)).isEqualTo(3);
        emulator.controls().reset();
        assertThat(receive("artists-enriched", 0)).isEmpty();
        assertThat(receive("artist-rejects", 0)).isEmpty();
    }
}
