package dev.artistenricher.embed;

import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.StoredArtists;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The steps around the enrichment for a caller that hands over a body of IDs and waits for the
 * artists ({@code direct:artist-enricher}, the Kamelet, {@code POST /enrich}): the body in is one
 * ID or several, as a String (one per line, or a JSON array) or a {@code List<String>}; the body
 * out is the JSON array of the artists, with the rejects and counts in headers ({@link EnrichAnswer}).
 */
public final class IdLists {

    /** The exchange property holding the {@link IdList} of the body being enriched. */
    public static final String PROPERTY = "artistEnricherIds";

    private final int batchSize;
    private final StoredArtists store;
    private final Path spillDirectory;

    public IdLists(int batchSize, StoredArtists store, Path spillDirectory) {
        this.batchSize = batchSize;
        this.store = store;
        this.spillDirectory = spillDirectory;
    }

    /** The body's IDs, cut into batches. */
    public IdList read(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        String text;
        if (body instanceof List<?> list) {
            // one element, one line: a line break inside an element must not make two IDs of it
            text = list.stream().map(e -> String.valueOf(e).replace('\r', ' ').replace('\n', ' '))
                    .collect(Collectors.joining("\n"));
        } else {
            text = exchange.getMessage().getBody(String.class);
        }
        return new IdList(text == null ? "" : text, batchSize, store, spillDirectory);
    }

    /** One batch enriched (from a splitter thread). */
    public void collect(@ExchangeProperty(PROPERTY) IdList list, BatchResult result) {
        list.add(result);
    }

    /** Every batch enriched: the body becomes the artists, the rejects and counts headers. */
    public void answer(@ExchangeProperty(PROPERTY) IdList list, Exchange exchange) {
        exchange.removeProperty(PROPERTY);
        list.answer().toMessage(exchange.getMessage());
    }
}
