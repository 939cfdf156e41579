package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.sandbox.SpotifyEmulator;
import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue mode on JMS, a long rate-limit wait: the consumers stop with the messages left in the broker
 * (none on the dead-letter queue), health says so, and a Quartz trigger resumes them at the
 * announced time. (A class of its own: the rate-limit pace the app learns from the 429s would slow
 * the tests after it.)
 */
class JmsParkingTest {

    private static final Duration BATCH_TIMEOUT = Duration.ofMillis(100);

    @TempDir
    static Path dir;
    private static JmsApp queue;
    private static SpotifyEmulator emulator;
    private static JmsClient jms;
    private static final Random RANDOM = new Random(7);

    @BeforeAll
    static void start() throws Exception {
        queue = JmsApp.start(dir, Map.of("enricher.queue.batch-timeout", BATCH_TIMEOUT.toMillis() + "ms", "enricher.max-inline-wait", "1s"));
        emulator = queue.emulator;
        jms = queue.jms;
    }

    @AfterAll
    static void stop() throws Exception {
        if (queue != null) {
            queue.close();
        }
    }

    @BeforeEach
    void reset() {
        queue.reset();
    }

    private static List<String> distinctIds(int n) {
        return JmsApp.distinctIds(n, RANDOM);
    }

    @Test
    void aLongRateLimitWaitSuspendsTheConsumersLeavesTheMessagesInTheBrokerAndResumes() throws Exception {
        // 100 artists, then Spotify's quota: 3 s to wait, above enricher.max-inline-wait (1 s)
        emulator.controls().quota(100, Duration.ofSeconds(3));
        List<String> ids = distinctIds(200);
        HttpRequest health = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + queue.managementPort + "/observe/health?exposureLevel=full")).build();
        jms.sendAll("artist-ids", ids);

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> HttpClient.newHttpClient()
                .send(health, HttpResponse.BodyHandlers.ofString()).body().contains("rate-limited until"));
        // parked: what was not enriched waits in the broker (the parked batches put back), not on the
        // dead-letter queue
        await().atMost(Duration.ofSeconds(5)).until(() -> jms.waiting("artist-ids") > 0);
        assertThat(jms.waiting("DLQ")).isZero();

        // the Quartz trigger resumes the consumers at the announced time; every ID comes out (some twice)
        Set<String> seen = new HashSet<>();
        try (var consumer = new OutputReader(jms)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                seen.addAll(consumer.drain());
                return seen.size() == ids.size();
            });
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(emulator.stats().callsDuringRetryAfter()).isZero();
        assertThat(jms.waiting("DLQ")).isZero();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> !HttpClient.newHttpClient()
                .send(health, HttpResponse.BodyHandlers.ofString()).body().contains("rate-limited until"));
    }

    /** Reads the output queue as it fills, by artist ID. */
    private static final class OutputReader implements AutoCloseable {
        private final jakarta.jms.Connection connection;
        private final jakarta.jms.MessageConsumer consumer;

        OutputReader(JmsClient client) throws Exception {
            connection = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(client.url()).createConnection();
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            consumer = session.createConsumer(session.createQueue("artists-enriched"));
        }

        List<String> drain() throws Exception {
            List<String> ids = new ArrayList<>();
            for (Message m = consumer.receive(200); m != null; m = consumer.receiveNoWait()) {
                ids.add(m.getStringProperty("artistId"));
            }
            return ids;
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
