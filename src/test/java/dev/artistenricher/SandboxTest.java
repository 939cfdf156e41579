package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sandbox}: no account, no set-up; the bundled sample is enriched and summarised. */
class SandboxTest {

    @TempDir
    Path dir;

    @Test
    void theSandboxEnrichesTheBundledSampleAndReportsWhereTheOutputIs() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("enricher.inbox", dir.resolve("inbox").toString());
        properties.setProperty("enricher.outbox", dir.resolve("outbox").toString());
        properties.setProperty("enricher.store", dir.resolve("store").toString());
        properties.setProperty("enricher.inbox.read-lock-check-interval", "100");
        properties.setProperty("camel.management.enabled", "false");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = new App(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(new String[] {"--sandbox"}, properties);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("Summary: {\"source\":\"sample-artists.txt\"").contains("Output: " + dir.resolve("outbox"));
        assertThat(Files.readAllLines(dir.resolve("outbox/sample-artists.jsonl"))).hasSizeGreaterThan(40);
        assertThat(Files.readAllLines(dir.resolve("outbox/sample-artists.rejects.jsonl"))).isNotEmpty();
        assertThat(dir.resolve("inbox/.done/sample-artists.txt")).exists();
    }

    @Test
    void helpListsTheOptionsAndKeys() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = new App(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(new String[] {"--help"}, new Properties());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--once", "--sandbox", "--emulator", "spotify.client-id",
                "enricher.batch-size", "enricher.max-inline-wait");
    }

    @Test
    void anUnknownOptionIsAConfigurationError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new App(System.out, new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"--onse"}, new Properties());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("unknown option: --onse (see --help)");
    }
}
