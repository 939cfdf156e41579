package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enricher.queue.api-error=reject}: when Spotify stays unavailable past
 * {@code enricher.retry.give-up-after}, the IDs become {@code api_error} rejects and the messages
 * are done (committed), instead of going back to the broker (the default, {@code redeliver}, is in
 * {@link JmsQueueTest}: redelivered, then the dead-letter queue).
 */
class JmsApiErrorRejectTest {

    @TempDir
    static Path dir;
    private static JmsApp queue;

    @BeforeAll
    static void start() throws Exception {
        queue = JmsApp.start(dir, Map.of(
                "enricher.queue.api-error", "reject",
                "enricher.retry.give-up-after", "0s",
                "enricher.broker.max-delivery-attempts", "2",
                "enricher.broker.redelivery-delay", "0s"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void spotifyStillFailingTurnsTheIdsIntoApiErrorRejectsAndNothingIsRedelivered() throws Exception {
        List<String> ids = JmsApp.distinctIds(3, new Random(3));
        queue.emulator.controls().failNext(1000, 503);
        queue.jms.sendAll("artist-ids", ids);

        List<String> rejects = JmsClient.texts(queue.jms.receive("artist-rejects", 3, Duration.ofSeconds(20)));
        assertThat(rejects).allSatisfy(r -> assertThat(r).contains("\"reason\":\"api_error\""));
        assertThat(rejects).anySatisfy(r -> assertThat(r).contains(ids.get(0)));
        assertThat(queue.jms.receive("artists-enriched", 0, Duration.ofSeconds(1))).isEmpty();
        // committed: not delivered again, not dead-lettered; one call (no retry after give-up-after 0s)
        assertThat(queue.jms.waiting("artist-ids")).isZero();
        assertThat(queue.jms.waiting("DLQ")).isZero();
        assertThat(queue.emulator.stats().callsWithStatus(503)).isEqualTo(1);
    }
}
