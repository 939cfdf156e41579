package dev.artistenricher.embed;

import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.Reject;
import dev.artistenricher.enrich.RejectJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.camel.Message;

/**
 * What the enrichment of one message body gives back: the artists as Spotify returned them, in
 * order of first appearance, as one JSON array (the bytes of each artist untouched), and the
 * rejects in the format of {@code <base>.rejects.jsonl} ({@code line} = the position in the body).
 */
public record EnrichAnswer(byte[] artists, String rejects, long unique, int enriched, int rejected, int apiCalls) {

    /** Header: the rejects, a JSON array of {@code {"line","input","reason","detail"}}. */
    public static final String REJECTS_HEADER = "artistEnricherRejects";
    /** Header: distinct valid IDs in the body. */
    public static final String UNIQUE_HEADER = "artistEnricherUnique";
    /** Header: artists in the body out. */
    public static final String ENRICHED_HEADER = "artistEnricherEnriched";
    /** Header: rejected lines. */
    public static final String REJECTED_HEADER = "artistEnricherRejected";
    /** Header: calls made to the Web API for this body (0 when the store answered everything). */
    public static final String API_CALLS_HEADER = "artistEnricherApiCalls";

    static EnrichAnswer of(long unique, Collection<BatchResult> inOrder) {
        ByteArrayOutputStream artists = new ByteArrayOutputStream();
        List<Reject> rejects = new ArrayList<>();
        int enriched = 0;
        int calls = 0;
        artists.write('[');
        for (BatchResult result : inOrder) {
            for (byte[] artist : result.artists()) {
                if (enriched++ > 0) {
                    artists.write(',');
                }
                artists.writeBytes(artist);
            }
            rejects.addAll(result.rejects());
            calls += result.apiCalls();
        }
        artists.write(']');
        List<String> rejectLines = new ArrayList<>(rejects.size());
        for (Reject reject : rejects) {
            rejectLines.add(RejectJson.of(reject));
        }
        return new EnrichAnswer(artists.toByteArray(), "[" + String.join(",", rejectLines) + "]",
                unique, enriched, rejects.size(), calls);
    }

    /**
     * The answer of {@code POST /enrich}, {@code {"artists": [...], "rejects": [...]}}, from what
     * {@code direct:artist-enricher} hands back (the body and the rejects header): both are JSON
     * already, so they are put side by side, not parsed again.
     */
    public static byte[] document(String artists, String rejects) {
        return ("{\"artists\":" + (artists == null ? "[]" : artists) + ",\"rejects\":" + (rejects == null ? "[]" : rejects) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The body becomes the artists' JSON array; rejects and counts go to headers. */
    void toMessage(Message message) {
        message.setBody(new String(artists, StandardCharsets.UTF_8));
        message.setHeader("Content-Type", "application/json");
        message.setHeader(REJECTS_HEADER, rejects);
        message.setHeader(UNIQUE_HEADER, unique);
        message.setHeader(ENRICHED_HEADER, enriched);
        message.setHeader(REJECTED_HEADER, rejected);
        message.setHeader(API_CALLS_HEADER, apiCalls);
    }
}
