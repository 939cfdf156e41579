package dev.artistenricher.spotify;

import java.util.List;

/** How Spotify answered one artists request, reduced to what the enricher must decide on. */
public sealed interface ApiAnswer {

    /** 200: artist JSON (UTF-8) per requested ID, in request order, {@code null} where the ID is unknown. */
    record Artists(List<byte[]> artists) implements ApiAnswer {
    }

    /** 404 on {@code /artists/{id}}. */
    record NotFound() implements ApiAnswer {
    }

    /** 400: some ID was refused. */
    record BadRequest(String message) implements ApiAnswer {
    }

    /** 403 on the batch endpoint: a Development Mode app may only use single-artist calls. */
    record Forbidden(String message) implements ApiAnswer {
    }

    /** 5xx, connection failure, timeout, a second 401, anything unexpected: retry later. */
    record Failed(String detail) implements ApiAnswer {
    }
}
