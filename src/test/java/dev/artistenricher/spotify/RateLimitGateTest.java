package dev.artistenricher.spotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The gate's decisions on a clock that moves only when the test says so (no call ever waits here). */
class RateLimitGateTest {

    private static final Duration NO_WAIT = Duration.ZERO;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final RateLimitGate gate = new RateLimitGate(clock, Duration.ofSeconds(60));

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void anOpenGateLetsEveryCallThroughWithoutProbing() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(gate.awaitTurn(NO_WAIT)).isFalse();
        }
        assertThat(gate.pace()).isEmpty();
    }

    @Test
    void aProbeThatMeetsAnother429DoublesTheWait() throws Exception {
        gate.awaitTurn(NO_WAIT);
        gate.refused(false, Duration.ofSeconds(2));
        assertThat(gate.openAt()).isEqualTo(now.get().plusSeconds(2));
        // closed: a call that may not wait at all is parked rather than sent
        assertThatThrownBy(() -> gate.awaitTurn(NO_WAIT)).isInstanceOf(RateLimitParkedException.class);

        advance(Duration.ofSeconds(2));
        assertThat(gate.awaitTurn(NO_WAIT)).as("the first call after the wait probes").isTrue();
        gate.refused(true, Duration.ofSeconds(2));
        assertThat(gate.openAt()).isEqualTo(now.get().plusSeconds(4));

        advance(Duration.ofSeconds(4));
        assertThat(gate.awaitTurn(NO_WAIT)).isTrue();
        gate.refused(true, Duration.ofSeconds(2));
        assertThat(gate.openAt()).isEqualTo(now.get().plusSeconds(8));
    }

    @Test
    void aProbeThatPassesEndsTheBlockAndTheCallsArePacedToWhatTheWindowAllowed() throws Exception {
        for (int i = 0; i < 20; i++) { // 20 calls within a second, then the window is full
            gate.awaitTurn(NO_WAIT);
            gate.passed(false, true);
            advance(Duration.ofMillis(50));
        }
        gate.refused(false, Duration.ofSeconds(30));
        advance(Duration.ofSeconds(30));
        assertThat(gate.awaitTurn(Duration.ofSeconds(60))).isTrue();
        gate.passed(true, true);

        assertThat(gate.pace()).isEqualTo("20 calls / 31000 ms");
        // the calls before the block are still in the learnt window: the next one waits
        assertThat(gate.nextCallWait()).isPositive();
        advance(Duration.ofSeconds(1)); // now they have left it; only the probe is in it
        for (int i = 0; i < 19; i++) {
            assertThat(gate.nextCallWait()).isZero();
            assertThat(gate.awaitTurn(NO_WAIT)).isFalse();
        }
        assertThat(gate.nextCallWait()).as("the 21st call of the window").isPositive();
    }
}
