package dev.artistenricher.embed;

import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.Reject;
import dev.artistenricher.enrich.RejectJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.Message;

/**
 * What the enrichment of one message body gives back: the artists as Spotify returned them, in
 * order of first appearance, as one JSON array (the bytes of each artist untouched), the rejects in
 * the format of {@code <base>.rejects.jsonl} ({@code line} = the position in the body), and how each
 * artist name found its artist, as in {@code <base>.matches.jsonl}.
 */
public record EnrichAnswer(byte[] artists, String rejects, String matches, long unique, int enriched, int rejected,
        int apiCalls) {

    /** Header: the rejects, a JSON array of {@code {"line","input","reason","detail"}}. */
    public static final String REJECTS_HEADER = "artistEnricherRejects";
    /** Header: the names matched, a JSON array of {@code {"line","input","name","id","match"}}. */
    public static final String MATCHES_HEADER = "artistEnricherMatches";
    /** Header: distinct valid IDs in the body. */
    public static final String UNIQUE_HEADER = "artistEnricherUnique";
    /** Header: artists in the body out. */
    public static final String ENRICHED_HEADER = "artistEnricherEnriched";
    /** Header: rejected lines. */
    public static final String REJECTED_HEADER = "artistEnricherRejected";
    /** Header: calls made to the Web API for this body (0 when the store answered everything). */
    public static final String API_CALLS_HEADER = "artistEnricherApiCalls";

    /**
     * @param firstAppearances the artists of each result that appear first there (each artist once,
     *                         whether it was asked for by ID or by name), asked in order
     */
    static EnrichAnswer of(long unique, Collection<BatchResult> inOrder,
            Function<BatchResult, List<BatchResult.Found>> firstAppearances) {
        ByteArrayOutputStream artists = new ByteArrayOutputStream();
        List<Reject> rejects = new ArrayList<>();
        List<String> matches = new ArrayList<>();
        int enriched = 0;
        int calls = 0;
        artists.write('[');
        for (BatchResult result : inOrder) {
            for (BatchResult.Found artist : firstAppearances.apply(result)) {
                if (enriched++ > 0) {
                    artists.write(',');
                }
                artists.writeBytes(artist.json());
            }
            rejects.addAll(result.rejects());
            result.matches().forEach(match -> matches.add(match.toJson()));
            calls += result.apiCalls();
        }
        artists.write(']');
        List<String> rejectLines = new ArrayList<>(rejects.size());
        for (Reject reject : rejects) {
            rejectLines.add(RejectJson.of(reject));
        }
        return new EnrichAnswer(artists.toByteArray(), "[" + String.join(",", rejectLines) + "]",
                "[" + String.join(",", matches) + "]", unique, enriched, rejects.size(), calls);
    }

    /**
     * The answer of {@code POST /enrich}, {@code {"artists": [...], "rejects": [...], "matches": [...]}},
     * from what {@code direct:artist-enricher} hands back (the body, the rejects and matches headers):
     * all are JSON already, so they are put side by side, not parsed again.
     */
    public static byte[] document(String artists, String rejects, String matches) {
        return ("{\"artists\":" + orEmpty(artists) + ",\"rejects\":" + orEmpty(rejects) + ",\"matches\":" + orEmpty(matches) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String orEmpty(String jsonArray) {
        return jsonArray == null ? "[]" : jsonArray;
    }

    /** The body becomes the artists' JSON array; rejects and counts go to headers. */
    void toMessage(Message message) {
        message.setBody(new String(artists, StandardCharsets.UTF_8));
        message.setHeader("Content-Type", "application/json");
        message.setHeader(REJECTS_HEADER, rejects);
        message.setHeader(MATCHES_HEADER, matches);
        message.setHeader(UNIQUE_HEADER, unique);
        message.setHeader(ENRICHED_HEADER, enriched);
        message.setHeader(REJECTED_HEADER, rejected);
        message.setHeader(API_CALLS_HEADER, apiCalls);
    }
}
