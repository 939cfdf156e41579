package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artistenricher.sandbox.SpotifyEmulator;
import jakarta.jms.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    private static JmsApp queue;
    private static SpotifyEmulator emulator;
    private static JmsClient jms;
    private static final Random RANDOM = new Random(7);

    @BeforeAll
    static void start() throws Exception {
        queue = JmsApp.start(dir, Map.of("enricher.queue.batch-timeout", BATCH_TIMEOUT.toMillis() + "ms"));
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
    void aThousandOneIdMessagesCostTwentyCalls() throws Exception {
        List<String> ids = distinctIds(1000);
        jms.sendAll("artist-ids", ids);

        assertThat(JmsApp.artistIds(jms.receive("artists-enriched", 1000, Duration.ofSeconds(30)))).containsExactlyInAnyOrderElementsOf(ids);
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

        assertThat(JmsApp.artistIds(out)).containsExactly(id);
        assertThat(emulator.stats().apiCalls()).isEqualTo(1);
        // the batch timeout, one call and the broker's round trips (generous for a loaded build machine)
        assertThat(took).isLessThan(BATCH_TIMEOUT.plus(latency).plusSeconds(1));
    }

    @Test
    void aMessageThatIsNotTextGoesToTheDeadLetterQueueAloneAndItsNeighboursAreEnriched() throws Exception {
        List<String> ids = distinctIds(2);
        byte[] binary = {0, 1, 2, (byte) 0xff};
        jms.sendMixed("artist-ids", List.of(ids.get(0), binary, ids.get(1), "not-an-id"));

        assertThat(JmsApp.artistIds(jms.receive("artists-enriched", 2, Duration.ofSeconds(10)))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(JmsClient.texts(jms.receive("artist-rejects", 1, Duration.ofSeconds(10))).get(0))
                .contains("\"input\":\"not-an-id\"", "\"reason\":\"invalid_id\"");
        List<Message> dead = jms.receive("DLQ", 1, Duration.ofSeconds(10));
        byte[] body = dead.get(0).getBody(byte[].class);
        assertThat(body).isEqualTo(binary);
        // one batch: the two IDs shared one call
        assertThat(emulator.stats().apiCalls()).isEqualTo(1);
    }
}
