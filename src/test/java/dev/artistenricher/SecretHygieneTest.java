package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EmulatorTest;
import dev.artistenricher.support.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client secret and every access token stay out of logs (at TRACE too), outputs and error files. */
class SecretHygieneTest extends EmulatorTest {

    private static final String SECRET = "s3cr3t-Value-That-Must-Never-Leak";
    /** Emulator tokens look like Spotify's: "BQ" and 88 URL-safe characters. */
    private static final Pattern TOKEN = Pattern.compile("BQ[A-Za-z0-9_-]{40,}");

    @BeforeEach
    void useTheSecret() {
        emulator.controls().credentials(SpotifyEmulator.DEMO_CLIENT_ID, SECRET);
    }

    @Test
    void neitherTheSecretNorATokenAppearsAnywhereEvenAtTrace() throws IOException {
        Path secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        app.properties.remove("spotify.client-secret");
        app.with("spotify.client-secret-file", secretFile.toString());
        emulator.controls().failNext(1, 401); // a renewal and a retry on the way
        app.drop("list.txt", emulator.catalog().ids().subList(0, 120));
        Files.write(app.inbox.resolve("broken.txt"), new byte[] {0, 1, 2});

        String logs;
        try (LogCapture capture = new LogCapture(Level.TRACE)) {
            assertThat(app.runOnce()).isEqualTo(1); // broken.txt failed, list.txt completed
            logs = capture.text();
        }

        assertThat(app.lines("list.jsonl")).hasSize(120);
        assertThat(emulator.stats().tokensIssued()).isGreaterThanOrEqualTo(2);
        assertThat(logs).contains("Spotify access token obtained"); // the capture did see the run
        assertThat(logs).doesNotContain(SECRET);
        assertThat(TOKEN.matcher(logs).find()).as("a token in the logs").isFalse();
        assertThat(logs).doesNotContain("Bearer BQ").doesNotContainIgnoringCase("Basic c2FuZGJveC");
        String everythingWritten = app.stdout() + app.stderr() + readAll(app.outbox);
        assertThat(everythingWritten).doesNotContain(SECRET);
        assertThat(TOKEN.matcher(everythingWritten).find()).isFalse();
    }

    /**
     * Camel's tracer prints every step's exchange (headers and body) and the error handler's
     * retries print message history: the token and the credentials are added inside camel-http's
     * client, so no message ever holds them, not even the token endpoint's answer (TokenAnswer).
     */
    @Test
    void theCamelTracerAndRetriesShowNoSecretAndNoToken() throws IOException {
        app.with("spotify.client-secret", SECRET)
                .with("camel.main.tracing", "true")
                .with("camel.trace.trace-pattern", "*")
                .with("camel.main.message-history", "true");
        emulator.controls().failNext(1, 401);
        emulator.controls().errorRate(0.3);
        app.drop("traced.txt", emulator.catalog().ids().subList(0, 150));

        String logs;
        try (LogCapture capture = new LogCapture(Level.TRACE)) {
            assertThat(app.runOnce()).isZero();
            logs = capture.text();
        }

        assertThat(app.lines("traced.jsonl")).hasSize(150);
        assertThat(logs).contains("spotify-artists"); // the tracer did print the route's steps
        assertThat(logs).contains("[spotify-toke]"); // and the token route
        assertThat(logs).doesNotContain(SECRET);
        assertThat(TOKEN.matcher(logs).find()).as("a token in the logs").isFalse();
        assertThat(logs).doesNotContain("Bearer BQ").doesNotContainIgnoringCase("Basic c2FuZGJveC");
    }

    private static String readAll(Path folder) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
