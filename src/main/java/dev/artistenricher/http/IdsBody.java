package dev.artistenricher.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks the body of {@code POST /enrich} before any enrichment starts, and gives back the text
 * handed to {@code direct:artist-enricher}: {@code text/plain} is UTF-8 text with one ID per line,
 * {@code application/json} a JSON array of strings. Everything else is refused here with a status
 * that says why (400 malformed, 413 too many IDs, 415 another media type), so that a malformed
 * request never costs an API call or a place among the requests in flight.
 */
public final class IdsBody {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private IdsBody() {
    }

    /**
     * @param contentType the request's {@code Content-Type} (parameters such as {@code charset} ignored)
     * @param maxIds at most this many non-blank lines or array elements
     */
    public static String read(String contentType, byte[] body, int maxIds) throws HttpRefusal {
        String mediaType = mediaType(contentType);
        if (mediaType.equals("text/plain")) {
            return lines(utf8(body), maxIds);
        }
        if (mediaType.equals("application/json")) {
            return jsonArrayOfStrings(utf8(body), maxIds);
        }
        throw HttpRefusal.of(415, "Content-Type must be text/plain (IDs one per line) or application/json"
                + " (a JSON array of strings), not " + (mediaType.isEmpty() ? "none" : "'" + echo(mediaType) + "'"));
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String lines(String text, int maxIds) throws HttpRefusal {
        long ids = text.lines().filter(line -> !line.isBlank()).count();
        if (ids > maxIds) {
            throw tooMany(ids, "lines", maxIds);
        }
        return text;
    }

    private static String jsonArrayOfStrings(String text, int maxIds) throws HttpRefusal {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw HttpRefusal.of(400, "body is not valid JSON: " + echo(e.getOriginalMessage()));
        }
        if (array == null || !array.isArray()) {
            throw HttpRefusal.of(400, "body must be a JSON array of strings, e.g. [\"4Z8W4fKeB5YxbusRsdQVPb\"]");
        }
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual()) {
                throw HttpRefusal.of(400, "body must be a JSON array of strings: element " + (i + 1) + " is "
                        + array.get(i).getNodeType().name().toLowerCase(Locale.ROOT));
            }
        }
        if (array.size() > maxIds) {
            throw tooMany(array.size(), "elements", maxIds);
        }
        // the text itself goes on: the enrichment reads a JSON array of IDs as the drop folder does,
        // and a reject's line is then the element's position
        return text;
    }

    /** Strict UTF-8 and no control characters but tab and line ends: anything else is binary. */
    private static String utf8(byte[] body) throws HttpRefusal {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpRefusal.of(400, "body is not UTF-8 text");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw HttpRefusal.of(400, "body is binary, not text (control character at offset " + i + ")");
            }
        }
        return text;
    }

    private static HttpRefusal tooMany(long found, String what, int maxIds) {
        return HttpRefusal.of(413, "at most " + maxIds + " IDs per request (enricher.http.max-ids); the body has "
                + found + " " + what);
    }

    /** A bounded, printable piece of what the client sent, for the error message. */
    private static String echo(String text) {
        String s = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
