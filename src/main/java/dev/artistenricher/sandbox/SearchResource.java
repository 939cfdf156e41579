package dev.artistenricher.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/search} as Spotify serves it since February 2026: {@code q} and {@code type}
 * required, {@code limit} 1..10 (default 5), {@code offset} 0..1000, one paging object per type
 * asked ({@code {"artists": {"href", "items", "limit", "next", "offset", "previous", "total"}}}),
 * artists in relevance order. Only artists are in the catalog: any other valid type gets an empty
 * page. Development Mode artists lack {@code followers}, {@code popularity} and {@code genres}, as
 * on {@code /artists/{id}}. Reached only by calls that passed authentication, throttling and faults.
 */
final class SearchResource {

    static final int DEFAULT_LIMIT = 5;
    static final int MAX_LIMIT = 10;
    static final int MAX_OFFSET = 1000;

    private static final Set<String> TYPES = Set.of("album", "artist", "playlist", "track", "show", "episode", "audiobook");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final JsonFactory JSON = new JsonFactory();

    private final Catalog catalog;
    private final EmulatorControls controls;
    private final EmulatorStats stats;

    SearchResource(Catalog catalog, EmulatorControls controls, EmulatorStats stats) {
        this.catalog = catalog;
        this.controls = controls;
        this.stats = stats;
    }

    ArtistsResource.Answer search(Map<String, String> query) {
        String q = query.get("q");
        if (q == null || q.isBlank()) {
            return error("No search query");
        }
        String typeList = query.get("type");
        if (typeList == null || typeList.isBlank()) {
            return error("Missing parameter type");
        }
        List<String> types = new ArrayList<>();
        for (String type : typeList.split(",")) {
            if (!TYPES.contains(type.strip())) {
                return error("Bad search type field"); // the value is not echoed: the body is built as text
            }
            types.add(type.strip());
        }
        Integer limit = number(query.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        if (limit == null) {
            return error("Invalid limit");
        }
        Integer offset = number(query.get("offset"), 0, 0, MAX_OFFSET);
        if (offset == null) {
            return error("Invalid offset");
        }
        stats.searched(q);
        List<Artist> found = types.contains("artist") ? ranked(q) : List.of();
        List<Artist> page = found.subList(Math.min(offset, found.size()), Math.min(offset + limit, found.size()));
        controls.quota().recordServed(page.size());
        return new ArtistsResource.Answer(200, body(q, types, page, found.size(), limit, offset), null);
    }

    /** The catalog's artists that match the query, most relevant first. */
    private List<Artist> ranked(String q) {
        String wanted = normalized(q);
        List<String> tokens = wanted.isEmpty() ? List.of() : List.of(wanted.split(" "));
        List<Artist> artists = catalog.artists();
        List<Artist> hits = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (Artist artist : artists) {
            int score = score(artist.name(), q, wanted, tokens);
            if (score > 0) {
                hits.add(artist);
                scores.add(score);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            order.add(i);
        }
        // the better match first; among equals the more popular, as Spotify's ranking favours them
        order.sort(Comparator.<Integer>comparingInt(i -> -scores.get(i))
                .thenComparingInt(i -> -hits.get(i).popularity())
                .thenComparingLong(i -> -hits.get(i).followers())
                .thenComparingInt(i -> i));
        return order.stream().map(hits::get).toList();
    }

    /** 3 the same name, 2 a name that starts with the query, 1 every word of it starts a word of the name, 0 no match. */
    private static int score(String name, String rawQuery, String wanted, List<String> tokens) {
        String have = normalized(name);
        if (wanted.isEmpty()) {
            // a query of punctuation alone ("!!!") is compared as written
            return name.strip().equalsIgnoreCase(rawQuery.strip()) ? 3 : 0;
        }
        if (have.equals(wanted)) {
            return 3;
        }
        if (have.startsWith(wanted)) {
            return 2;
        }
        List<String> words = List.of(have.split(" "));
        return tokens.stream().allMatch(t -> words.stream().anyMatch(w -> w.startsWith(t))) ? 1 : 0;
    }

    /** Lower case, accents dropped, anything but letters and digits a single space. */
    static String normalized(String text) {
        String decomposed = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        return NOT_LETTER_OR_DIGIT.matcher(decomposed.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private byte[] body(String q, List<String> types, List<Artist> page, int total, int limit, int offset) {
        boolean developmentMode = controls.developmentMode();
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + page.size() * 800);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (String type : types) {
                boolean artists = type.equals("artist");
                int count = artists ? total : 0;
                g.writeObjectFieldStart(type + "s");
                g.writeStringField("href", pageUrl(q, type, offset, limit));
                g.writeArrayFieldStart("items");
                if (artists) {
                    for (Artist artist : page) {
                        g.writeRawValue(new String(catalog.sharedArtistJson(artist.id(), developmentMode), StandardCharsets.UTF_8));
                    }
                }
                g.writeEndArray();
                g.writeNumberField("limit", limit);
                if (offset + limit < count && offset + limit <= MAX_OFFSET) {
                    g.writeStringField("next", pageUrl(q, type, offset + limit, limit));
                } else {
                    g.writeNullField("next");
                }
                g.writeNumberField("offset", offset);
                if (offset > 0) {
                    g.writeStringField("previous", pageUrl(q, type, Math.max(0, offset - limit), limit));
                } else {
                    g.writeNullField("previous");
                }
                g.writeNumberField("total", count);
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Spotify's own form of a page's address: the public host, {@code query=} rather than {@code q=}. */
    private static String pageUrl(String q, String type, int offset, int limit) {
        return "https://api.spotify.com/v1/search?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&type=" + type + "&offset=" + offset + "&limit=" + limit;
    }

    /** The parameter as a whole number within bounds, its default when absent, null when invalid. */
    private static Integer number(String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n >= min && n <= max ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ArtistsResource.Answer error(String message) {
        return new ArtistsResource.Answer(400, SpotifyErrors.api(400, message), null);
    }
}
