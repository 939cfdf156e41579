package dev.artistenricher.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.enrich.IdEntry;
import dev.artistenricher.enrich.Reject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Route;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/enrich.camel.yaml} (routes {@code enrich} and {@code spotify-artists}, and their
 * redelivery) with the token route it asks for a token, against the emulator: a batch in, its
 * {@link BatchResult} out, the emulator counting the calls.
 */
class EnrichRoutesTest extends RouteFilesTestSupport {

    /** A well-formed ID the emulator's catalog does not hold. */
    private static final String UNKNOWN = "0000000000000000000000";

    @Override
    List<String> routeFiles() {
        return List.of("enrich.camel.yaml", "token.camel.yaml");
    }

    @Override
    void properties(Properties properties) {
        properties.setProperty("enricher.retry.give-up-after", "1s");
    }

    private static IdBatch batch(long seq, List<String> ids) {
        List<IdEntry> entries = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            entries.add(new IdEntry(ids.get(i), i + 1, ids.get(i), null));
        }
        return new IdBatch(seq, entries, List.of());
    }

    private BatchResult enrich(IdBatch batch) {
        return template.requestBody("direct:enrich", batch, BatchResult.class);
    }

    private static List<String> artists(BatchResult result) {
        return result.artists().stream().map(a -> new String(a, StandardCharsets.UTF_8)).toList();
    }

    private static List<String> artists(List<String> ids) {
        return ids.stream().map(RouteFilesTestSupport::artist).toList();
    }

    @Test
    void aBatchGoesInCallsOfUpToFiftyIdsAndAnUnknownIdIsNotFound() {
        List<String> ids = new ArrayList<>(emulator().catalog().ids().subList(0, 120));
        ids.add(60, UNKNOWN);
        NotifyBuilder called = new NotifyBuilder(context).fromRoute("enrich")
                .wereSentTo(emulator().apiUrl() + "/artists*").whenExactlyCompleted(1).create();

        BatchResult result = enrich(batch(0, ids));

        assertThat(context.getRoutes()).extracting(Route::getRouteId)
                .containsExactlyInAnyOrder("enrich", "spotify-artists", "token-renewal", "spotify-token");
        assertThat(called.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(artists(result)).containsExactlyElementsOf(artists(ids.stream().filter(id -> !id.equals(UNKNOWN)).toList()));
        assertThat(result.rejects()).extracting(Reject::line, Reject::reason).containsExactly(tuple(61L, Reject.NOT_FOUND));
        assertThat(result.apiCalls()).isEqualTo(3);
        assertThat(emulator().stats().batchCalls()).isEqualTo(3);
        assertThat(emulator().stats().tokensIssued()).isEqualTo(1);
    }

    @Test
    void a429WithinMaxInlineWaitHoldsEveryCallForItsRetryAfterAndTheSameRequestGoesAgain() throws Exception {
        List<String> ids = emulator().catalog().ids().subList(0, 200);
        emulator().controls().tooManyRequestsNext(1, 1);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("enrich").whenExactlyCompleted(4).and().whenExactlyFailed(0).create();

        // four batches side by side, as the inbox splitter sends them: enricher.concurrency calls in flight
        List<CompletableFuture<BatchResult>> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int b = 0; b < 4; b++) {
            results.add(template.asyncRequestBody("direct:enrich", batch(b, ids.subList(50 * b, 50 * b + 50)), BatchResult.class));
        }

        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        List<String> enriched = new ArrayList<>();
        for (CompletableFuture<BatchResult> result : results) {
            assertThat(result.get().rejects()).isEmpty();
            enriched.addAll(artists(result.get()));
        }
        assertThat(enriched).containsExactlyElementsOf(artists(ids));
        assertThat(emulator().stats().callsWithStatus(429)).isEqualTo(1);
        // the emulator counts the calls that were already on their way when the 429 went out (at most
        // the other three of enricher.concurrency); none leaves once the route knows of the 429
        assertThat(emulator().stats().callsDuringRetryAfter()).as("calls that arrived during the Retry-After").isLessThanOrEqualTo(3);
        assertThat(emulator().stats().batchCalls()).isEqualTo(5);
    }

    @Test
    void a5xxIsRedeliveredUntilSpotifyAnswers() {
        List<String> ids = emulator().catalog().ids().subList(0, 40);
        emulator().controls().failNext(2, 503);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("enrich").whenExactlyCompleted(1).and().whenExactlyFailed(0).create();

        BatchResult result = enrich(batch(0, ids));

        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(artists(result)).containsExactlyElementsOf(artists(ids));
        assertThat(result.rejects()).isEmpty();
        assertThat(emulator().stats().callsWithStatus(503)).isEqualTo(2);
        assertThat(emulator().stats().batchCalls()).isEqualTo(3);
    }

    @Test
    void aCallStillFailingAfterGiveUpAfterBecomesApiErrorRejectsAndTheBatchEnds() {
        List<String> ids = emulator().catalog().ids().subList(0, 50);
        emulator().controls().failNext(1000, 502);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("enrich").whenExactlyCompleted(1).create();
        long started = System.nanoTime();

        BatchResult result = enrich(batch(0, ids));

        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("retried for give-up-after")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(result.artists()).isEmpty();
        assertThat(result.rejects()).hasSize(50).allSatisfy(reject -> {
            assertThat(reject.reason()).isEqualTo(Reject.API_ERROR);
            assertThat(reject.detail()).contains("502");
        });
        assertThat(emulator().stats().callsWithStatus(502)).as("redelivered, with back-off").isBetween(3L, 60L);
    }
}
