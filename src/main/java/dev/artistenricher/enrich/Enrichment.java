package dev.artistenricher.enrich;

import dev.artistenricher.spotify.SearchAnswer;
import dev.artistenricher.spotify.SpotifyRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The state of one {@link IdBatch} on its way through the enrich route: the fate of each ID and
 * name settled so far and the requests still to be answered (one per name to look up through the
 * search). The route takes the next request, sends it, and tells this class what Spotify said; no
 * ID or name is ever dropped: each one ends as an artist or a reject.
 */
public final class Enrichment {

    /** One ID's fate. Exactly one of {@code artist} and {@code reason} is set. */
    private record Fate(byte[] artist, String reason, String detail) {
    }

    private static final String UNKNOWN_ID = "Spotify has no artist with this ID";

    private final IdBatch batch;
    private final Map<String, Fate> fates = new HashMap<>();
    private final Map<NameEntry, NameMatcher.Outcome> nameFates = new IdentityHashMap<>();
    /** The name each search request looks up. */
    private final Map<SpotifyRequest, NameEntry> searches = new IdentityHashMap<>();
    private final Deque<SpotifyRequest> pending = new ArrayDeque<>();
    private final IntConsumer answeredIds;
    private int calls;
    private int notModified;

    /**
     * @param singleCalls whether requests go to {@code /artists/{id}} (batch size 1, or Development Mode)
     * @param searchLimit results asked of each search ({@code limit}, at most 10)
     * @param answeredIds told of each ID or name answered, from the store or by Spotify (an artist
     *                    or a reject other than api_error, which is no answer), as the work goes
     */
    Enrichment(IdBatch batch, int batchSize, boolean singleCalls, int searchLimit, IntConsumer answeredIds) {
        this.batch = batch;
        this.answeredIds = answeredIds;
        List<String> toFetch = new ArrayList<>();
        for (IdEntry entry : batch.entries()) {
            if (entry.stored() == null) {
                toFetch.add(entry.id());
            } else if (entry.stored() == StoredArtists.NOT_FOUND) {
                settle(entry.id(), new Fate(null, Reject.NOT_FOUND, UNKNOWN_ID));
            } else {
                settle(entry.id(), new Fate(entry.stored(), null, null));
            }
        }
        for (NameEntry name : batch.names()) {
            if (name.stored() == null) {
                SpotifyRequest search = SpotifyRequest.search(name.name(), searchLimit);
                searches.put(search, name);
                pending.add(search);
            } else {
                settle(name, NameMatcher.match(name.name(), SearchAnswer.ofArray(name.stored())));
            }
        }
        for (int from = 0; from < toFetch.size(); from += batchSize) {
            List<String> chunk = toFetch.subList(from, Math.min(toFetch.size(), from + batchSize));
            if (singleCalls) {
                chunk.forEach(id -> pending.add(artists(SpotifyRequest.single(id))));
            } else {
                pending.add(artists(SpotifyRequest.several(chunk)));
            }
        }
    }

    /** An artists request of this batch: one that revalidates the stored answer in a scheduled round. */
    private SpotifyRequest artists(SpotifyRequest request) {
        return batch.revalidate() ? request.revalidating() : request;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The request to send now; it stays first until it is answered for good (a 429 or 401 sends it again). */
    SpotifyRequest next() {
        return pending.peekFirst();
    }

    /** 200: one artist per ID of the current request, in its order; {@code null} for an unknown ID. */
    void answered(List<byte[]> artists) {
        SpotifyRequest request = done();
        for (int i = 0; i < request.ids().size(); i++) {
            byte[] artist = artists.get(i);
            settle(request.ids().get(i), artist == null ? new Fate(null, Reject.NOT_FOUND, UNKNOWN_ID) : new Fate(artist, null, null));
        }
    }

    /**
     * 304: the stored answer of the current request is still current; {@code stored} holds its
     * artists (null for an unknown ID), or is null when the store no longer has them all: the request
     * is then sent again without the ETag.
     */
    void notModified(List<byte[]> stored) {
        if (stored == null) {
            next().stopRevalidating();
            return;
        }
        notModified++;
        answered(stored);
    }

    /** 200 of a search: the artists Spotify found for the current request's name, in its order. */
    void searchAnswered(List<byte[]> artists) {
        NameEntry name = searches.remove(done());
        settle(name, NameMatcher.match(name.name(), artists));
    }

    /** 404 on {@code /artists/{id}}. */
    void notFound() {
        settle(done().ids().get(0), new Fate(null, Reject.NOT_FOUND, UNKNOWN_ID));
    }

    /** 400: a lone ID or a name is refused; a batch is halved so that one bad ID cannot sink its neighbours. */
    void badRequest(String message) {
        SpotifyRequest request = done();
        if (request.isSearch()) {
            settle(searches.remove(request), new NameMatcher.Unmatched(Reject.INVALID_ID, "refused by Spotify: " + message));
            return;
        }
        List<String> ids = request.ids();
        if (ids.size() == 1) {
            settle(ids.get(0), new Fate(null, Reject.INVALID_ID, "refused by Spotify: " + message));
            return;
        }
        int half = ids.size() / 2;
        pending.addFirst(artists(SpotifyRequest.several(ids.subList(half, ids.size()))));
        pending.addFirst(artists(SpotifyRequest.several(ids.subList(0, half))));
    }

    /** The batch endpoint is closed to this app: the current and every later batch go one ID at a time. */
    void toSingleCalls() {
        List<SpotifyRequest> rest = new ArrayList<>(pending);
        pending.clear();
        calls += rest.get(0).calls();
        for (SpotifyRequest request : rest) {
            if (request.isSingle() || request.isSearch()) {
                pending.add(request);
            } else {
                request.ids().forEach(id -> pending.add(artists(SpotifyRequest.single(id))));
            }
        }
    }

    /**
     * Retries exhausted ({@code enricher.retry.give-up-after}): the IDs (or the name) of the current
     * request become api_error rejects.
     */
    void giveUp(String detail) {
        SpotifyRequest request = done();
        if (request.isSearch()) {
            settle(searches.remove(request), new NameMatcher.Unmatched(Reject.API_ERROR, detail));
            return;
        }
        request.ids().forEach(id -> settle(id, new Fate(null, Reject.API_ERROR, detail)));
    }

    /** Every ID's and name's fate, in input order; call once nothing is pending. */
    BatchResult result() {
        if (hasPending()) {
            throw new IllegalStateException("requests still pending");
        }
        List<BatchResult.Found> found = new ArrayList<>(batch.entries().size() + batch.names().size());
        List<Reject> rejects = new ArrayList<>(batch.invalid());
        for (IdEntry entry : batch.entries()) {
            Fate fate = fates.get(entry.id());
            if (fate.artist() != null) {
                found.add(new BatchResult.Found(entry.line(), entry.id(), fate.artist(), false));
            } else {
                rejects.add(Reject.of(entry, fate.reason(), fate.detail()));
            }
        }
        List<NameMatch> matches = new ArrayList<>();
        for (NameEntry name : batch.names()) {
            NameMatcher.Outcome outcome = nameFates.get(name);
            if (outcome instanceof NameMatcher.Matched matched) {
                found.add(new BatchResult.Found(name.line(), matched.id(), matched.artist(), true));
                matches.add(new NameMatch(name.line(), name.input(), name.name(), matched.id(), matched.how()));
            } else if (outcome instanceof NameMatcher.Unmatched unmatched) {
                rejects.add(Reject.of(name, unmatched.reason(), unmatched.detail()));
            }
        }
        if (!batch.names().isEmpty()) {
            found.sort(Comparator.comparingLong(BatchResult.Found::line)); // IDs and names are each in line order already
        }
        rejects.sort(Comparator.comparingLong(Reject::line));
        return new BatchResult(batch.seq(), batch.entries().size() + batch.names().size(), found, rejects, matches, calls,
                notModified);
    }

    private SpotifyRequest done() {
        SpotifyRequest request = pending.removeFirst();
        calls += request.calls();
        return request;
    }

    private void settle(NameEntry name, NameMatcher.Outcome outcome) {
        nameFates.put(name, outcome);
        if (!(outcome instanceof NameMatcher.Unmatched unmatched && Reject.API_ERROR.equals(unmatched.reason()))) {
            answeredIds.accept(1);
        }
    }

    private void settle(String id, Fate fate) {
        fates.put(id, fate);
        if (!Reject.API_ERROR.equals(fate.reason())) {
            answeredIds.accept(1);
        }
    }
}
