package org.example.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.sandbox.SpotifyEmulator;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This application's Camel Main, its route and the artist-enricher Kamelet, pointed at the Spotify
 * emulator of the artist-enricher jar on a loopback port.
 */
class EnrichIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SpotifyEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = SpotifyEmulator.start(0);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void enrichesTheIdsOfADroppedFileWithTheKamelet() throws Exception {
        List<String> ids = emulator.catalog().ids();
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        Main main = new Main(EnrichIdsApplication.class);
        main.addOverrideProperty("ids.inbox", in.toString());
        main.addOverrideProperty("ids.outbox", out.toString());
        main.addOverrideProperty("camel.kamelet.spotify-artist-enrich-action.clientId", SpotifyEmulator.DEMO_CLIENT_ID);
        main.addOverrideProperty("camel.kamelet.spotify-artist-enrich-action.clientSecret", SpotifyEmulator.DEMO_CLIENT_SECRET);
        main.addOverrideProperty("camel.kamelet.spotify-artist-enrich-action.tokenUrl", emulator.tokenUrl());
        main.addOverrideProperty("camel.kamelet.spotify-artist-enrich-action.apiUrl", emulator.apiUrl());
        main.addOverrideProperty("camel.kamelet.spotify-artist-enrich-action.store", dir.resolve("store").toString());
        main.start();
        try {
            Files.createDirectories(in);
            Files.writeString(in.resolve("artists.txt"), String.join("\n",
                    ids.get(0),
                    "spotify:artist:" + ids.get(1),
                    "not an artist id",
                    "https://open.spotify.com/artist/" + ids.get(2) + "?si=x",
                    ids.get(0)) + "\n", StandardCharsets.UTF_8);

            Path rejects = out.resolve("artists.rejects.json");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(rejects));

            JsonNode artists = JSON.readTree(out.resolve("artists.artists.json").toFile());
            List<String> enriched = new ArrayList<>();
            artists.forEach(artist -> enriched.add(artist.get("id").asText()));
            assertThat(enriched).containsExactly(ids.get(0), ids.get(1), ids.get(2));
            assertThat(artists.get(0).get("name").asText()).isNotBlank();

            JsonNode reject = JSON.readTree(rejects.toFile());
            assertThat(reject).hasSize(1);
            assertThat(reject.get(0).get("line").asInt()).isEqualTo(3);
            assertThat(reject.get(0).get("input").asText()).isEqualTo("not an artist id");
            assertThat(reject.get(0).get("reason").asText()).isEqualTo("invalid_id");
            assertThat(in.resolve(".done/artists.txt")).exists();

            assertNothingOfTheRunnableApplication(main.getCamelContext());
        } finally {
            main.stop();
        }
    }

    /** The jar brings the Kamelet and nothing that starts on its own or shadows this application's files. */
    private static void assertNothingOfTheRunnableApplication(CamelContext context) throws Exception {
        List<String> routeIds = context.getRoutes().stream().map(Route::getRouteId).toList();
        assertThat(routeIds).contains("enrich-ids")
                .doesNotContain("inbox", "queue", "token-renewal", "spotify-token", "enrich", "spotify-artists",
                        "spotify-call", "artist-enricher");
        // only this route reads files
        assertThat(context.getRoutes().stream().filter(r -> r.getEndpoint().getEndpointUri().startsWith("file:")))
                .extracting(Route::getRouteId).containsExactly("enrich-ids");
        // no management / platform HTTP server, none of the application's beans
        assertThat(context.hasComponent("platform-http")).isNull();
        assertThat(context.getRegistry().lookupByName("accessTokens")).isNull();
        // no drop folder or store in the working directory
        assertThat(Path.of("data")).doesNotExist();
        // classpath:application.properties, log4j2.properties and routes/ are this application's only
        for (String resource : List.of("application.properties", "log4j2.properties", "routes/enrich-ids.camel.yaml")) {
            List<URL> found = Collections.list(EnrichIdsTest.class.getClassLoader().getResources(resource));
            assertThat(found).as(resource).hasSize(1);
            // in target/classes, not in a jar
            assertThat(found.get(0).getProtocol()).as(resource).isEqualTo("file");
        }
        assertThat(Collections.list(EnrichIdsTest.class.getClassLoader().getResources("routes"))).hasSize(1);
        // the Kamelet comes from the artist-enricher jar
        assertThat(EnrichIdsTest.class.getClassLoader().getResource("kamelets/spotify-artist-enrich-action.kamelet.yaml"))
                .isNotNull();
    }
}
