package dev.artistenricher.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A forwarding HTTP proxy on a loopback port, as a corporate proxy in front of plain-HTTP targets:
 * it takes requests in absolute form ({@code GET http://host:port/path HTTP/1.1}), sends them on
 * and hands the answers back, and remembers each request line it forwarded.
 */
public final class ForwardingProxy implements AutoCloseable {

    /** Headers that belong to one hop, or that the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        NOT_FORWARDED.addAll(List.of("Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authorization",
                "Transfer-Encoding", "Content-Length", "Host", "Expect", "Upgrade", "TE", "Trailer"));
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY).build();
    private final ConcurrentLinkedQueue<String> forwarded = new ConcurrentLinkedQueue<>();
    private final Set<String> headerNames = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ForwardingProxy(HttpServer server) {
        this.server = server;
    }

    public static ForwardingProxy start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ForwardingProxy proxy = new ForwardingProxy(server);
        server.createContext("/", proxy::forward);
        server.setExecutor(proxy.threads);
        server.start();
        return proxy;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code METHOD absolute-URI} of every request forwarded so far. */
    public List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    /** The names of every request header seen, lower case. */
    public Set<String> headerNames() {
        return Set.copyOf(headerNames);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI target = exchange.getRequestURI();
            if (target.getScheme() == null) {
                // not proxy-style: a client sent its request here directly
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            forwarded.add(exchange.getRequestMethod() + " " + target);
            exchange.getRequestHeaders().keySet().forEach(name -> headerNames.add(name.toLowerCase(java.util.Locale.ROOT)));
            relay(exchange, target, client);
        }
    }

    /** Sends the request on to {@code target} and hands the answer back (a 502 when there is none). */
    static void relay(HttpExchange exchange, URI target, HttpClient client) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name)) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
