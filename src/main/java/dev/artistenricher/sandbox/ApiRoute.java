package dev.artistenricher.sandbox;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which Web API operation a request addresses. Only the routing is done here; validating the
 * IDs and search parameters is left to {@link ArtistsResource} and {@link SearchResource}, because
 * Spotify authenticates before it validates.
 *
 * @param kind the operation
 * @param id   the raw (path-decoded) ID for {@link Kind#SINGLE}
 * @param ids  the requested IDs for {@link Kind#BATCH}; null if the {@code ids} parameter is missing
 * @param query the decoded query parameters for {@link Kind#SEARCH} ({@code q}, {@code type}, {@code limit}, ...)
 */
record ApiRoute(Kind kind, String id, List<String> ids, Map<String, String> query) {

    /** The operations the emulator knows. */
    enum Kind { SINGLE, BATCH, SEARCH, NOT_FOUND, METHOD_NOT_ALLOWED }

    private static final String ARTISTS = "/v1/artists";
    private static final String SEARCH = "/v1/search";
    private static final ApiRoute NOT_FOUND = new ApiRoute(Kind.NOT_FOUND, null, null, null);
    private static final ApiRoute METHOD_NOT_ALLOWED = new ApiRoute(Kind.METHOD_NOT_ALLOWED, null, null, null);

    static ApiRoute of(String method, URI uri) {
        String path = uri.getRawPath();
        if (SEARCH.equals(path) || (SEARCH + "/").equals(path)) {
            ApiRoute search = new ApiRoute(Kind.SEARCH, null, null, FormData.parse(uri.getRawQuery()));
            return "GET".equals(method) ? search : METHOD_NOT_ALLOWED;
        }
        if (path == null || !path.startsWith(ARTISTS)) {
            return NOT_FOUND;
        }
        String rest = path.substring(ARTISTS.length());
        ApiRoute route;
        if (rest.isEmpty() || rest.equals("/")) {
            route = new ApiRoute(Kind.BATCH, null, idsParameter(uri.getRawQuery()), null);
        } else if (rest.charAt(0) == '/' && rest.indexOf('/', 1) < 0) {
            route = new ApiRoute(Kind.SINGLE, FormData.decodePathSegment(rest.substring(1)), null, null);
        } else {
            return NOT_FOUND; // e.g. /v1/artistsX or /v1/artists/{id}/albums: not emulated
        }
        return "GET".equals(method) ? route : METHOD_NOT_ALLOWED;
    }

    /** Number of IDs this request asks for (for the stats). */
    int idsAsked() {
        switch (kind) {
            case SINGLE: return 1;
            case BATCH: return ids == null ? 0 : ids.size();
            default: return 0;
        }
    }

    private static List<String> idsParameter(String rawQuery) {
        String value = FormData.parse(rawQuery).get("ids");
        if (value == null || value.isEmpty()) {
            return null;
        }
        // limit -1 keeps trailing empty entries, so "a,b," is reported as an invalid id like Spotify does
        return Arrays.asList(value.split(",", -1));
    }
}
