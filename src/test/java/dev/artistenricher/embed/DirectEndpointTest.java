package dev.artistenricher.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code direct:artist-enricher}, used as an integration team would: a route of their own, in a
 * YAML file loaded beside ours, hands a body of IDs over and writes what comes back.
 */
class DirectEndpointTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRouteBesideOursGetsTheArtistsInOrderAndTheRejectsAsAHeader() throws IOException {
        Path in = Files.createDirectories(dir.resolve("their-in"));
        Path out = dir.resolve("their-out");
        Path routes = Files.writeString(dir.resolve("theirs.camel.yaml"), """
                - route:
                    id: theirs
                    from:
                      uri: file:%s
                      steps:
                        # headers of theirs choose no URL, query or credential of ours
                        - setHeader:
                            name: CamelHttpUri
                            expression:
                              constant:
                                expression: http://127.0.0.1:1/elsewhere
                        - setHeader:
                            name: CamelHttpQuery
                            expression:
                              constant:
                                expression: ids=0000000000000000000000
                        - setHeader:
                            name: Authorization
                            expression:
                              constant:
                                expression: Bearer stolen
                        - to:
                            uri: direct:artist-enricher
                        - setBody:
                            expression:
                              simple:
                                expression: '{"artists":${body},"rejects":${header.artistEnricherRejects},"calls":${header.artistEnricherApiCalls}}'
                        - to:
                            uri: file:%s
                """.formatted(in, out));
        app.with("camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:" + routes);
        app.startDaemon();
        try {
            List<String> ids = new ArrayList<>(catalogIds().subList(0, 120));
            List<String> lines = new ArrayList<>(ids);
            lines.add(3, "not-an-id");
            lines.add(ids.get(5));
            lines.add("spotify:artist:" + ids.get(7));
            Files.writeString(in.resolve("list.txt"), String.join("\n", lines), StandardCharsets.UTF_8);

            Path answer = out.resolve("list.txt");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(answer));
            JsonNode doc = JSON.readTree(answer.toFile());
            List<String> artists = new ArrayList<>();
            doc.path("artists").forEach(a -> artists.add(a.toString()));
            assertThat(artists).containsExactlyElementsOf(artistLines(ids).stream().map(EnrichAnswerJson::normal).toList());
            assertThat(doc.path("rejects")).hasSize(1);
            assertThat(doc.path("rejects").get(0).path("line").asInt()).isEqualTo(4);
            assertThat(doc.path("rejects").get(0).path("reason").asText()).isEqualTo("invalid_id");
            assertThat(doc.path("calls").asInt()).isEqualTo(3);
            assertThat(emulator.stats().apiCalls()).isEqualTo(3);
            assertThat(emulator.stats().idsRequested()).isEqualTo(120);
            assertThat(emulator.stats().unknownTokenCalls()).isZero();
        } finally {
            app.stopDaemon();
        }
    }
}
