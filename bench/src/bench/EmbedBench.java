package bench;

import dev.artistenricher.sandbox.SpotifyEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The Kamelet spotify-artist-enrich-action in a plain Camel context: one exchange of N distinct IDs
 * at the emulator's latency, each repetition on a fresh store (so every ID costs a call). Prints
 * time, API calls and IDs/s against the bound (concurrency x 50 IDs per latency).
 *
 *   bench/run.sh embed [--ids 1000] [--latency-ms 50] [--concurrency 4] [--reps 5]
 */
public final class EmbedBench {

    public static void main(String[] args) throws Exception {
        int ids = intArg(args, "--ids", 1000);
        int latencyMs = intArg(args, "--latency-ms", 50);
        int concurrency = intArg(args, "--concurrency", 4);
        int reps = intArg(args, "--reps", 5);
        try (SpotifyEmulator emulator = SpotifyEmulator.start(0)) {
            emulator.controls().syntheticCatalog(true);
            emulator.controls().latency(Duration.ofMillis(latencyMs));
            double bound = concurrency * 50.0 / (latencyMs / 1000.0);
            System.out.printf("Kamelet, %d distinct IDs a exchange, %d ms latency, concurrency %d (bound %.0f IDs/s)%n",
                    ids, latencyMs, concurrency, bound);
            for (int rep = 0; rep < reps; rep++) {
                Path store = Files.createTempDirectory("embed-bench");
                try (CamelContext context = new DefaultCamelContext()) {
                    context.addRoutes(new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("direct:in").to("kamelet:spotify-artist-enrich-action?clientId=" + SpotifyEmulator.DEMO_CLIENT_ID
                                    + "&clientSecret=RAW(" + SpotifyEmulator.DEMO_CLIENT_SECRET + ")&tokenUrl=" + emulator.tokenUrl()
                                    + "&apiUrl=" + emulator.apiUrl() + "&concurrency=" + concurrency + "&store=" + store);
                        }
                    });
                    context.start();
                    ProducerTemplate template = context.createProducerTemplate();
                    List<String> body = new ArrayList<>();
                    for (int i = 0; i < ids; i++) {
                        body.add(syntheticId(rep * 1_000_000L + i));
                    }
                    emulator.stats().reset();
                    long start = System.nanoTime();
                    Exchange answer = template.request("direct:in", e -> e.getMessage().setBody(body));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (answer.getException() != null) {
                        throw answer.getException();
                    }
                    System.out.printf("rep %d: %.3f s, %d calls, %d enriched, %.0f IDs/s (%.1f %% of the bound)%n", rep + 1,
                            seconds, emulator.stats().apiCalls(), answer.getMessage().getHeader("artistEnricherEnriched", Integer.class),
                            ids / seconds, 100 * ids / seconds / bound);
                }
            }
        }
    }

    /** A well-formed ID the synthetic catalog answers (22 base-62 characters). */
    static String syntheticId(long n) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 22; i++) {
            id.append(alphabet.charAt((int) (n % 62)));
            n /= 62;
        }
        return id.reverse().toString();
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
