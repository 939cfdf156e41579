package dev.artistenricher.enrich;

import dev.artistenricher.spotify.ApiAnswer;
import dev.artistenricher.spotify.Backoff;
import dev.artistenricher.spotify.RateLimitParkedException;
import dev.artistenricher.spotify.SpotifyArtistsApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one {@link IdBatch} into a {@link BatchResult}: cached artists are reused, the rest are
 * fetched {@code batchSize} at a time. The decisions on Spotify's answers live here: {@code null} or
 * 404 is {@code not_found}; a 400 splits the batch until the bad ID stands alone; a 403 from the
 * batch endpoint switches the whole run to single-artist calls; failures are retried with
 * exponential back-off and jitter until {@code giveUpAfter}, then the IDs become {@code api_error}.
 * No ID is ever dropped: each one ends as an artist or a reject.
 */
public final class BatchEnricher {

    private static final Logger LOG = LoggerFactory.getLogger(BatchEnricher.class);

    private final SpotifyArtistsApi api;
    private final ArtistStore cache;
    private final int batchSize;
    private final RetryPolicy retry;
    private final Clock clock;
    private final AtomicBoolean singleMode;

    public BatchEnricher(SpotifyArtistsApi api, ArtistStore cache, int batchSize, RetryPolicy retry, Clock clock) {
        this.api = api;
        this.cache = cache;
        this.batchSize = batchSize;
        this.retry = retry;
        this.clock = clock;
        this.singleMode = new AtomicBoolean(batchSize == 1);
    }

    /** How long failures are retried, and how the waits between them grow. */
    public record RetryPolicy(Duration giveUpAfter, Duration firstBackoff, Duration maxBackoff) {
    }

    /** One ID's fate. Exactly one of {@code artist} and {@code reject} is set. */
    private record Fate(byte[] artist, String reason, String detail) {
        static Fate found(byte[] artist) {
            return new Fate(artist, null, null);
        }

        static Fate rejected(String reason, String detail) {
            return new Fate(null, reason, detail);
        }
    }

    /**
     * @throws RateLimitParkedException when Spotify asks for a wait above {@code enricher.max-inline-wait};
     *                                  what was fetched before is in the store already
     */
    public BatchResult enrich(IdBatch batch) throws InterruptedException, RateLimitParkedException {
        Map<String, Fate> fates = new HashMap<>();
        List<String> toFetch = new ArrayList<>();
        for (IdEntry entry : batch.entries()) {
            if (entry.stored() != null) {
                fates.put(entry.id(), Fate.found(entry.stored()));
            } else {
                toFetch.add(entry.id());
            }
        }
        AtomicInteger calls = new AtomicInteger();
        // a RateLimitParkedException leaves through here: what was fetched before is stored already
        for (int from = 0; from < toFetch.size(); from += batchSize) {
            List<String> chunk = toFetch.subList(from, Math.min(toFetch.size(), from + batchSize));
            if (singleMode.get()) {
                fetchOneByOne(chunk, fates, calls);
            } else {
                fetchSeveral(chunk, fates, calls);
            }
        }
        List<byte[]> artists = new ArrayList<>(batch.entries().size());
        List<Reject> rejects = new ArrayList<>(batch.invalid());
        for (IdEntry entry : batch.entries()) {
            Fate fate = fates.get(entry.id());
            if (fate.artist() != null) {
                artists.add(fate.artist());
            } else {
                rejects.add(Reject.of(entry, fate.reason(), fate.detail()));
            }
        }
        rejects.sort(Comparator.comparingLong(Reject::line));
        return new BatchResult(batch.seq(), batch.entries().size(), artists, rejects, calls.get());
    }

    private void fetchSeveral(List<String> ids, Map<String, Fate> fates, AtomicInteger calls)
            throws InterruptedException, RateLimitParkedException {
        Retrying attempts = new Retrying();
        while (true) {
            SpotifyArtistsApi.Outcome outcome = api.several(ids);
            calls.addAndGet(outcome.calls());
            ApiAnswer answer = outcome.answer();
            if (answer instanceof ApiAnswer.Artists found) {
                cache.putAll(ids, found.artists());
                for (int i = 0; i < ids.size(); i++) {
                    fates.put(ids.get(i), fateOf(found.artists().get(i)));
                }
                return;
            }
            if (answer instanceof ApiAnswer.Forbidden forbidden) {
                if (singleMode.compareAndSet(false, true)) {
                    LOG.warn("Spotify refused the batch endpoint ({}): this app is in Development Mode; "
                            + "switching to single-artist calls for the rest of the run", forbidden.message());
                }
                fetchOneByOne(ids, fates, calls);
                return;
            }
            if (answer instanceof ApiAnswer.BadRequest bad) {
                if (ids.size() == 1) {
                    fates.put(ids.get(0), Fate.rejected(Reject.INVALID_ID, "refused by Spotify: " + bad.message()));
                    return;
                }
                // one bad ID must not sink its neighbours: halve until it stands alone
                int half = ids.size() / 2;
                fetchSeveral(ids.subList(0, half), fates, calls);
                fetchSeveral(ids.subList(half, ids.size()), fates, calls);
                return;
            }
            String detail = ((ApiAnswer.Failed) answer).detail();
            if (!attempts.waitBeforeRetry(detail)) {
                ids.forEach(id -> fates.put(id, Fate.rejected(Reject.API_ERROR, detail)));
                return;
            }
        }
    }

    private void fetchOneByOne(List<String> ids, Map<String, Fate> fates, AtomicInteger calls)
            throws InterruptedException, RateLimitParkedException {
        for (String id : ids) {
            fates.put(id, fetchOne(id, calls));
        }
    }

    private Fate fetchOne(String id, AtomicInteger calls) throws InterruptedException, RateLimitParkedException {
        Retrying attempts = new Retrying();
        while (true) {
            SpotifyArtistsApi.Outcome outcome = api.one(id);
            calls.addAndGet(outcome.calls());
            ApiAnswer answer = outcome.answer();
            if (answer instanceof ApiAnswer.Artists found) {
                cache.putAll(List.of(id), found.artists());
                return fateOf(found.artists().get(0));
            }
            if (answer instanceof ApiAnswer.NotFound) {
                return Fate.rejected(Reject.NOT_FOUND, "Spotify has no artist with this ID");
            }
            if (answer instanceof ApiAnswer.BadRequest bad) {
                return Fate.rejected(Reject.INVALID_ID, "refused by Spotify: " + bad.message());
            }
            String detail = answer instanceof ApiAnswer.Failed failed ? failed.detail() : String.valueOf(answer);
            if (!attempts.waitBeforeRetry(detail)) {
                return Fate.rejected(Reject.API_ERROR, detail);
            }
        }
    }

    private static Fate fateOf(byte[] artist) {
        if (artist == null) {
            return Fate.rejected(Reject.NOT_FOUND, "Spotify has no artist with this ID");
        }
        return Fate.found(artist);
    }

    /** The retry state of one request: back-off grows per failure; the deadline starts at the first one. */
    private final class Retrying {
        private Instant deadline;
        private int failures;

        /** Waits before the next attempt; false once retrying longer would pass the deadline. */
        boolean waitBeforeRetry(String detail) throws InterruptedException {
            Instant now = clock.instant();
            if (deadline == null) {
                deadline = now.plus(retry.giveUpAfter());
            }
            failures++;
            Duration backoff = Backoff.exponential(retry.firstBackoff(), retry.maxBackoff(), failures);
            if (!now.plus(backoff).isBefore(deadline)) {
                LOG.warn("Giving up on a Spotify request after {} failures: {}", failures, detail);
                return false;
            }
            LOG.debug("Spotify request failed ({}), retry {} in {} ms", detail, failures, backoff.toMillis());
            Thread.sleep(backoff.toMillis());
            return true;
        }
    }
}
