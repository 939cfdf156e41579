package dev.artistenricher.support;

import static org.awaitility.Awaitility.await;

import dev.artistenricher.App;
import dev.artistenricher.sandbox.SpotifyEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Runs the whole application as production does ({@link App}), pointed at a Spotify emulator on a
 * real loopback port and at temporary inbox/outbox folders.
 */
public final class EnricherHarness {

    public final SpotifyEmulator emulator;
    public final Path inbox;
    public final Path outbox;
    public final Properties properties = new Properties();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private App daemon;
    private CompletableFuture<Integer> daemonExit;

    public EnricherHarness(SpotifyEmulator emulator, Path dir) throws IOException {
        this.emulator = emulator;
        this.inbox = Files.createDirectories(dir.resolve("inbox"));
        this.outbox = dir.resolve("outbox");
        properties.setProperty("spotify.client-id", SpotifyEmulator.DEMO_CLIENT_ID);
        properties.setProperty("spotify.client-secret", SpotifyEmulator.DEMO_CLIENT_SECRET);
        properties.setProperty("spotify.token-url", emulator.tokenUrl());
        properties.setProperty("spotify.api-url", emulator.apiUrl());
        properties.setProperty("enricher.inbox", inbox.toString());
        properties.setProperty("enricher.outbox", outbox.toString());
        properties.setProperty("enricher.store", dir.resolve("store").toString());
        properties.setProperty("enricher.inbox.poll-interval", "100");
        properties.setProperty("enricher.inbox.read-lock-check-interval", "100");
        properties.setProperty("enricher.token.check-interval", "200");
        properties.setProperty("enricher.retry.initial-backoff", "20ms");
        properties.setProperty("enricher.retry.max-backoff", "200ms");
        properties.setProperty("camel.component.http.response-timeout", "5000");
        // many applications start in one test JVM: the management server only where a test asks for it
        properties.setProperty("camel.management.enabled", "false");
    }

    public EnricherHarness with(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    public Path drop(String name, String content) throws IOException {
        Path file = inbox.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    public Path drop(String name, List<String> lines) throws IOException {
        return drop(name, String.join("\n", lines) + "\n");
    }

    /** {@code java -jar artist-enricher.jar --once}: returns the exit code. */
    public int runOnce(String... extraArgs) {
        String[] args = Stream.concat(Stream.of("--once"), Stream.of(extraArgs)).toArray(String[]::new);
        return run(args);
    }

    public int run(String... args) {
        return new App(new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8))
                .run(args, properties);
    }

    /** Starts the daemon (no option) in the background. */
    public void startDaemon() {
        daemon = new App(new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        daemonExit = CompletableFuture.supplyAsync(() -> daemon.run(new String[0], properties));
    }

    /** Stops the daemon as SIGTERM would and returns its exit code. */
    public int stopDaemon() {
        daemon.stop();
        return daemonExit.orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    public String stderr() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    public String stdout() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    public Path out(String name) {
        return outbox.resolve(name);
    }

    public List<String> lines(String outboxFile) throws IOException {
        return Files.readAllLines(outbox.resolve(outboxFile), StandardCharsets.UTF_8);
    }

    public void awaitFile(Path file, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(file));
    }
}
