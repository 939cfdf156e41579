package dev.artistenricher.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artistenricher.spotify.ArtistIdParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * Chooses the artist a name stands for among Spotify's search results. A result is an exact match
 * when its name equals the name asked for, compared case-, accent- and punctuation-insensitively
 * ({@link #normalize}). One exact match is the artist; several are told apart by followers, then by
 * popularity, where Spotify returned those fields for all of them (a Development Mode app gets
 * neither); what stays tied is {@code ambiguous_name}, and no exact match is {@code not_found}. Either
 * reject lists the candidates in its detail, as a compact JSON array of {@code {"id", "name",
 * "genres"}} (genres when Spotify returned them).
 */
public final class NameMatcher {

    /** What became of a name. */
    public sealed interface Outcome {
    }

    /** @param how {@link NameMatch#EXACT}, {@link NameMatch#FOLLOWERS} or {@link NameMatch#POPULARITY} */
    public record Matched(String id, byte[] artist, String how) implements Outcome {
    }

    /** @param reason a reject reason; {@code detail} the candidates' JSON array, or the error */
    public record Unmatched(String reason, String detail) implements Outcome {
    }

    /** At most this many results are named in a not_found detail. */
    static final int MAX_CANDIDATES = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private NameMatcher() {
    }

    /**
     * The name as compared: compatibility-decomposed (NFKD) without its marks (accents), lower case,
     * without punctuation and symbols, runs of spaces as one. A name of punctuation alone ("!!!")
     * keeps its punctuation, or every such name would be the same.
     */
    public static String normalize(String name) {
        String unaccented = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        String plain = SPACES.matcher(PUNCTUATION.matcher(unaccented).replaceAll("")).replaceAll(" ").strip();
        return plain.isEmpty() ? SPACES.matcher(unaccented).replaceAll(" ").strip() : plain;
    }

    /** The outcome for {@code name} given the artists Spotify's search returned, in its order. */
    public static Outcome match(String name, List<byte[]> results) {
        String wanted = normalize(name);
        List<Result> all = new ArrayList<>(results.size());
        List<Result> exact = new ArrayList<>();
        for (byte[] json : results) {
            Result result = Result.of(json);
            all.add(result);
            // an ID goes into the store's keys and the outputs: only a well-formed one can be a match
            if (normalize(result.node.path("name").asText("")).equals(wanted)
                    && ArtistIdParser.isWellFormedId(result.node.path("id").asText(""))) {
                exact.add(result);
            }
        }
        if (exact.isEmpty()) {
            return new Unmatched(Reject.NOT_FOUND, candidates(all.subList(0, Math.min(MAX_CANDIDATES, all.size()))));
        }
        if (exact.size() == 1) {
            return exact.get(0).matched(NameMatch.EXACT);
        }
        List<Result> tied = mostOf(exact, r -> r.node.path("followers").path("total"));
        if (tied.size() == 1) {
            return tied.get(0).matched(NameMatch.FOLLOWERS);
        }
        tied = mostOf(tied, r -> r.node.path("popularity"));
        if (tied.size() == 1) {
            return tied.get(0).matched(NameMatch.POPULARITY);
        }
        return new Unmatched(Reject.AMBIGUOUS_NAME, candidates(tied));
    }

    /** Those with the highest value of the field; all of them when any lacks it (nothing to compare). */
    private static List<Result> mostOf(List<Result> results, java.util.function.Function<Result, JsonNode> field) {
        for (Result r : results) {
            if (!field.apply(r).isIntegralNumber()) {
                return results;
            }
        }
        ToLongFunction<Result> value = r -> field.apply(r).asLong();
        long most = results.stream().mapToLong(value).max().orElseThrow();
        return results.stream().filter(r -> value.applyAsLong(r) == most).toList();
    }

    private static String candidates(List<Result> results) {
        ArrayNode array = JSON.createArrayNode();
        for (Result result : results) {
            ObjectNode candidate = array.addObject();
            candidate.put("id", result.node.path("id").asText(""));
            candidate.put("name", result.node.path("name").asText(""));
            if (result.node.path("genres").isArray()) {
                candidate.set("genres", result.node.get("genres"));
            }
        }
        return array.toString();
    }

    /** One search result: the bytes Spotify sent and their tree. */
    private record Result(byte[] json, JsonNode node) {

        static Result of(byte[] json) {
            try {
                return new Result(json, JSON.readTree(json));
            } catch (IOException e) {
                throw new UncheckedIOException("a search result is not JSON", e);
            }
        }

        Matched matched(String how) {
            return new Matched(node.path("id").asText(""), json, how);
        }
    }
}
