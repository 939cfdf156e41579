package dev.artistenricher.sandbox;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "The next N calls get value V": a lock-free countdown used for injected failures and 429s.
 * Count and value change together atomically, so concurrent calls never see a mixed state.
 */
final class CountdownInjection {

    private record State(int remaining, int value) {
    }

    private static final State NONE = new State(0, 0);
    private final AtomicReference<State> state = new AtomicReference<>(NONE);

    /** Arms the injection for the next {@code calls} calls ({@code <= 0} disarms it). */
    void arm(int calls, int value) {
        state.set(calls > 0 ? new State(calls, value) : NONE);
    }

    /** Disarms it. */
    void clear() {
        state.set(NONE);
    }

    /** Takes one of the remaining calls, if any, and returns the injected value. */
    OptionalInt claim() {
        while (true) {
            State current = state.get();
            if (current.remaining() <= 0) {
                return OptionalInt.empty();
            }
            State next = current.remaining() == 1 ? NONE : new State(current.remaining() - 1, current.value());
            if (state.compareAndSet(current, next)) {
                return OptionalInt.of(current.value());
            }
        }
    }
}
