package dev.artistenricher.outbox;

import java.time.Instant;

/**
 * The figures of {@code <base>.summary.json}, in SPEC.md's order.
 *
 * @param names name lines (written only when there were some)
 */
public record Summary(String source, long lines, long ids, long unique, long names, long enriched, long rejected,
        long apiCalls, Instant startedAt, long durationMs) {
}
