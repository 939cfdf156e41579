package dev.artistenricher;

import dev.artistenricher.config.EnricherSettings;
import dev.artistenricher.sandbox.SpotifyEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * {@code --sandbox}: the embedded Spotify emulator on a free loopback port with demo credentials,
 * the bundled sample list in the inbox when there is nothing else to do, one pass, then a report.
 */
final class SandboxRun extends MainListenerSupport implements AutoCloseable {

    private static final String SAMPLE = "/artist-enricher/sandbox/sample-artists.txt";

    private final SpotifyEmulator emulator;
    private final PrintStream out;
    private final Instant startedAt = Instant.now();
    private Path outbox;

    private SandboxRun(SpotifyEmulator emulator, PrintStream out) {
        this.emulator = emulator;
        this.out = out;
    }

    static SandboxRun start(Properties properties, PrintStream out) {
        try {
            SpotifyEmulator emulator = SpotifyEmulator.start(0);
            properties.setProperty("spotify.client-id", SpotifyEmulator.DEMO_CLIENT_ID);
            properties.setProperty("spotify.client-secret", SpotifyEmulator.DEMO_CLIENT_SECRET);
            properties.setProperty("spotify.token-url", emulator.tokenUrl());
            properties.setProperty("spotify.api-url", emulator.apiUrl());
            out.println("Sandbox: Spotify API emulator at " + emulator.baseUrl() + " (demo credentials, no account needed)");
            return new SandboxRun(emulator, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Spotify emulator", e);
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        EnricherSettings settings = main.getCamelContext().getRegistry().lookupByNameAndType("settings", EnricherSettings.class);
        outbox = settings.outbox();
        try {
            Path inbox = settings.inbox();
            Files.createDirectories(inbox);
            if (!hasInput(inbox)) {
                try (InputStream sample = SandboxRun.class.getResourceAsStream(SAMPLE)) {
                    Files.copy(sample, inbox.resolve("sample-artists.txt"), StandardCopyOption.REPLACE_EXISTING);
                }
                out.println("Sandbox: copied the bundled sample list to " + inbox.resolve("sample-artists.txt"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the inbox", e);
        }
    }

    private static boolean hasInput(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT))
                    .anyMatch(n -> !n.startsWith(".") && n.matches(".*\\.(txt|csv|json|jsonl)"));
        }
    }

    /** Prints each summary written by this run and where the outputs are. */
    void printResult() {
        if (outbox == null) {
            return;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> summaries = files.filter(p -> p.getFileName().toString().endsWith(".summary.json"))
                    .filter(p -> modifiedSinceStart(p)).sorted().toList();
            for (Path summary : summaries) {
                out.println("Summary: " + Files.readString(summary, StandardCharsets.UTF_8).strip());
            }
            out.println("Output: " + outbox.toAbsolutePath().normalize() + " (<name>.jsonl, <name>.rejects.jsonl, <name>.summary.json)");
            out.println("Sandbox: " + emulator.stats().apiCalls() + " API calls, " + emulator.stats().tokenRequests()
                    + " token request(s) served by the emulator");
        } catch (IOException e) {
            out.println("Output: " + outbox.toAbsolutePath().normalize());
        }
    }

    private boolean modifiedSinceStart(Path file) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(startedAt.minusSeconds(1));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        emulator.close();
    }
}
