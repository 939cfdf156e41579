package dev.artistenricher.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Counters of the scheduled watch-list rounds ({@code enricher.schedule.cron}, {@code --snapshot}):
 * how each round ended and how many changes the rounds found, for the metrics
 * {@code enricher.schedule.rounds{outcome}} and {@code enricher.schedule.changes{kind}}. Every
 * outcome and kind is counted from zero at start, so the series exist before the first round.
 */
public final class ScheduleStats {

    public static final String COMPLETED = "completed";
    public static final String PARKED = "parked";
    public static final String FAILED = "failed";
    /** How a round can end: every list written, stopped by a long rate-limit wait, or failed. */
    public static final List<String> OUTCOMES = List.of(COMPLETED, PARKED, FAILED);

    public static final String APPEARED = "appeared";
    public static final String DISAPPEARED = "disappeared";
    public static final String CHANGED = "changed";
    /** The kinds of line in a {@code .changes.jsonl}. */
    public static final List<String> KINDS = List.of(APPEARED, DISAPPEARED, CHANGED);

    private final Map<String, LongAdder> rounds = countersFor(OUTCOMES);
    private final Map<String, LongAdder> changes = countersFor(KINDS);

    /** Counts one round that ended with {@code outcome}, one of {@link #OUTCOMES}. */
    public void roundEnded(String outcome) {
        counter(rounds, outcome).increment();
    }

    /** Counts {@code n} changes of {@code kind}, one of {@link #KINDS}, found by comparing a snapshot with the one before. */
    public void changesFound(String kind, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a negative number of changes: " + n);
        }
        counter(changes, kind).add(n);
    }

    public long rounds(String outcome) {
        return counter(rounds, outcome).sum();
    }

    public long changes(String kind) {
        return counter(changes, kind).sum();
    }

    private static Map<String, LongAdder> countersFor(List<String> values) {
        return values.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), v -> new LongAdder()));
    }

    private static LongAdder counter(Map<String, LongAdder> counters, String value) {
        LongAdder counter = value == null ? null : counters.get(value);
        if (counter == null) {
            throw new IllegalArgumentException("not one of " + counters.keySet() + ": " + value);
        }
        return counter;
    }
}
