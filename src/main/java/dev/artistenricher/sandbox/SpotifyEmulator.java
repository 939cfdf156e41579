package dev.artistenricher.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, faithful stand-in for the Spotify Web API (artist endpoints and artist search) and its
 * client-credentials token endpoint, served over real HTTP on 127.0.0.1.
 *
 * <p>Tests, the {@code --sandbox} demo and benchmarks point the real HTTP client at
 * {@link #tokenUrl()} and {@link #apiUrl()}; {@link #controls()} injects latency, failures,
 * throttling and Development Mode restrictions, and {@link #stats()} shows what the client did.
 *
 * <pre>{@code
 * try (SpotifyEmulator spotify = SpotifyEmulator.start(0)) {
 *     spotify.controls().tooManyRequestsNext(1, 2);
 *     // ... run the client against spotify.tokenUrl() / spotify.apiUrl() ...
 *     assertThat(spotify.stats().callsDuringRetryAfter()).isZero();
 * }
 * }</pre>
 */
public final class SpotifyEmulator implements AutoCloseable {

    /** Client id accepted by default. */
    public static final String DEMO_CLIENT_ID = "sandbox-client-id";
    /** Client secret accepted by default. */
    public static final String DEMO_CLIENT_SECRET = "sandbox-client-secret";

    private static final Logger LOG = LoggerFactory.getLogger(SpotifyEmulator.class);
    // Injected latency is a sleep in the handler thread, so the pool must be large enough that
    // sleeping requests do not queue behind each other and distort benchmark concurrency.
    private static final int MAX_HANDLER_THREADS = 256;
    private static final int BACKLOG = 1024;
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpServer server;
    private final int port;
    private final ThreadPoolExecutor executor;
    private final Catalog catalog;
    private final EmulatorControls controls;
    private final EmulatorStats stats;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SpotifyEmulator(HttpServer server, ThreadPoolExecutor executor, Catalog catalog,
                            EmulatorControls controls, EmulatorStats stats) {
        this.server = server;
        this.port = server.getAddress().getPort();
        this.executor = executor;
        this.catalog = catalog;
        this.controls = controls;
        this.stats = stats;
    }

    /**
     * Starts an emulator with the bundled catalog on 127.0.0.1.
     *
     * @param port TCP port, or 0 to pick a free one (see {@link #port()})
     * @throws IOException if the port cannot be bound
     */
    public static SpotifyEmulator start(int port) throws IOException {
        enableTcpNoDelay();
        Catalog catalog = Catalog.bundled();
        TokenStore tokens = new TokenStore();
        EmulatorStats stats = new EmulatorStats();
        EmulatorControls controls = new EmulatorControls(tokens);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        ThreadPoolExecutor executor = handlerPool(INSTANCES.incrementAndGet());
        server.setExecutor(executor);
        server.createContext("/api/token", new TokenEndpointHandler(tokens, controls, stats));
        server.createContext("/v1", new ApiHandler(catalog, tokens, controls, stats));
        server.createContext("/", exchange -> {
            Exchanges.drainBody(exchange);
            Exchanges.send(exchange, 404, SpotifyErrors.api(404, "Service not found"));
        });
        server.start();
        SpotifyEmulator emulator = new SpotifyEmulator(server, executor, catalog, controls, stats);
        LOG.info("Spotify emulator listening on {} ({} catalog artists)", emulator.baseUrl(), catalog.size());
        return emulator;
    }

    /**
     * The JDK server writes response headers and body separately and leaves Nagle's algorithm on by
     * default; with the client's delayed ACK every keep-alive request then stalls ~40 ms, which
     * would cap a benchmark at ~25 requests/s per connection. The setting is read once, when the
     * JDK's server configuration class initializes, so it must be set before the first server is
     * created; an explicit user setting wins.
     */
    private static void enableTcpNoDelay() {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    /**
     * Core = max so threads are created up to the limit before anything queues (a plain
     * ThreadPoolExecutor with a queue would otherwise stay at core size); idle ones time out.
     * Daemon threads, so a forgotten emulator never keeps a JVM alive.
     */
    private static ThreadPoolExecutor handlerPool(int instance) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "spotify-emulator-" + instance + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_HANDLER_THREADS, MAX_HANDLER_THREADS,
                10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The bound TCP port. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Client-credentials token endpoint: {@code baseUrl() + "/api/token"}. */
    public String tokenUrl() {
        return baseUrl() + "/api/token";
    }

    /** Web API root: {@code baseUrl() + "/v1"}. */
    public String apiUrl() {
        return baseUrl() + "/v1";
    }

    /** Behaviour knobs (thread-safe, effective for the next request). */
    public EmulatorControls controls() {
        return controls;
    }

    /** Counters of what clients did. */
    public EmulatorStats stats() {
        return stats;
    }

    /** The bundled artists this emulator serves. */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * Stops the server at once: open connections are closed and handler threads (even sleeping ones)
     * interrupted. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // idempotent: a shutdown hook and a try-with-resources may both close it
        }
        server.stop(0);
        executor.shutdownNow();
        LOG.info("Spotify emulator on port {} stopped", port);
    }
}
