package dev.artistenricher.enrich;

import dev.artistenricher.run.RunStatus;
import dev.artistenricher.spotify.SpotifyCalls;
import dev.artistenricher.spotify.SpotifyErrorMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code routes/enrich.camel.yaml} that decide what becomes of a batch's IDs. Each
 * takes the batch's {@link Enrichment} from the exchange property {@value #ENRICHMENT} and is named
 * for the answer it handles. One instance serves every batch of the run: it holds the one
 * run-wide decision, whether Spotify still allows the batch endpoint.
 */
public final class Enrichments {

    /** The exchange property that carries the {@link Enrichment} of the batch being enriched. */
    public static final String ENRICHMENT = "enrichment";

    private static final Logger LOG = LoggerFactory.getLogger(Enrichments.class);

    private final int batchSize;
    private final int searchLimit;
    private final RunStatus status;
    private final AtomicBoolean singleCalls;

    /**
     * @param searchLimit results asked of each search for an artist name ({@code enricher.search.limit})
     */
    public Enrichments(int batchSize, int searchLimit, RunStatus status) {
        this.batchSize = batchSize;
        this.searchLimit = searchLimit;
        this.status = status;
        this.singleCalls = new AtomicBoolean(batchSize == 1);
    }

    /**
     * IDs and names found in the store are settled; the rest become requests of up to
     * {@code enricher.batch-size} IDs, and one search per name. Sets the exchange properties {@value #ENRICHMENT} and {@value SpotifyCalls#REQUEST} (the
     * first request, absent when there is none).
     */
    public void start(IdBatch batch, Exchange exchange) {
        Enrichment enrichment = new Enrichment(batch, batchSize, singleCalls.get(), searchLimit, status::answered);
        exchange.setProperty(ENRICHMENT, enrichment);
        next(enrichment, exchange);
    }

    /** The request to send next (the same one after a 429 or a 401), or none once the batch is answered. */
    public void next(@ExchangeProperty(ENRICHMENT) Enrichment enrichment, Exchange exchange) {
        if (enrichment.hasPending()) {
            exchange.setProperty(SpotifyCalls.REQUEST, enrichment.next());
        } else {
            exchange.removeProperty(SpotifyCalls.REQUEST);
        }
    }

    /** Every ID's fate, as the body; the batch's properties go. */
    public BatchResult result(@ExchangeProperty(ENRICHMENT) Enrichment enrichment, Exchange exchange) {
        exchange.removeProperty(ENRICHMENT);
        exchange.removeProperty(SpotifyCalls.REQUEST);
        return enrichment.result();
    }

    /** 200: the artists of the current request, in its order ({@code null} = not_found). */
    public void answered(@ExchangeProperty(ENRICHMENT) Enrichment enrichment, List<byte[]> artists) {
        enrichment.answered(artists);
    }

    /**
     * 304 of a revalidated request: the stored artists of its answer (Spotify says they are current),
     * or null when the store lost some, and the request goes again without its ETag.
     */
    public void notModified(@ExchangeProperty(ENRICHMENT) Enrichment enrichment, List<byte[]> stored) {
        enrichment.notModified(stored);
    }

    /** 200 of a search: the artists found for the current request's name (matched, ambiguous_name or not_found). */
    public void searchAnswered(@ExchangeProperty(ENRICHMENT) Enrichment enrichment, List<byte[]> artists) {
        enrichment.searchAnswered(artists);
    }

    /** 404 of {@code /artists/{id}}: not_found. */
    public void notFound(@ExchangeProperty(ENRICHMENT) Enrichment enrichment) {
        enrichment.notFound();
    }

    /** 400: a lone ID or a name is rejected as invalid_id, a batch is split in halves. */
    public void badRequest(@ExchangeProperty(ENRICHMENT) Enrichment enrichment, SpotifyErrorMessage error) {
        enrichment.badRequest(error.toString());
    }

    /**
     * 403 from the batch endpoint: a Development Mode app (since February 2026) may only call
     * {@code /artists/{id}}. The switch holds for the rest of the run; it is logged once.
     */
    public void batchEndpointForbidden(@ExchangeProperty(ENRICHMENT) Enrichment enrichment, SpotifyErrorMessage error) {
        if (singleCalls.compareAndSet(false, true)) {
            LOG.warn("Spotify refused the batch endpoint ({}): this app is in Development Mode; "
                    + "switching to single-artist calls for the rest of the run", error);
        }
        enrichment.toSingleCalls();
    }

    /** Retries exhausted: the current request's IDs become api_error rejects with the last error. */
    public void giveUp(@ExchangeProperty(ENRICHMENT) Enrichment enrichment, Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String detail = failure == null || failure.getMessage() == null ? "Spotify did not answer" : failure.getMessage();
        int attempts = enrichment.next().calls();
        LOG.warn("Giving up on a Spotify request after {} calls: {}", attempts, detail);
        enrichment.giveUp(detail);
    }
}
