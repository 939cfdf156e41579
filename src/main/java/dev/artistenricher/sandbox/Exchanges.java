package dev.artistenricher.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Small helpers around {@link HttpExchange} that keep connections reusable. */
final class Exchanges {

    static final String JSON = "application/json; charset=utf-8";

    private Exchanges() {
    }

    /**
     * Sends a complete response and closes the exchange. Always sends an exact Content-Length
     * (or none for an empty body) so the JDK server can keep the connection alive.
     */
    static void send(HttpExchange exchange, int status, byte[] content) throws IOException {
        // a HEAD answer must not carry a body, or the JDK server complains and breaks the connection
        byte[] body = "HEAD".equals(exchange.getRequestMethod()) ? new byte[0] : content;
        if (body.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", JSON);
        }
        // -1 = no body; 0 would mean "chunked" to the JDK server.
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /**
     * Drops the connection without an answer. Closing an exchange before any header was sent makes
     * the JDK server close the socket, so the client sees an I/O error, like a reset by a proxy.
     */
    static void drop(HttpExchange exchange) {
        exchange.close();
    }

    /** Reads and returns the request body; reading it fully is also what allows keep-alive. */
    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** Discards any request body (GETs normally have none), so the connection can be reused. */
    static void drainBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Sleeps for the injected latency. Returns false if interrupted (the emulator is closing). */
    static boolean pause(long nanos) {
        if (nanos <= 0) {
            return true;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
