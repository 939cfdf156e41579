package dev.artistenricher.routes;

import static org.apache.camel.builder.Builder.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/inbox.camel.yaml}, its file endpoint on a temporary inbox, with the enrich and token
 * routes it hands the batches to: a file in; its outputs in the outbox and the input in
 * {@code .done/}; what the endpoint must leave alone, left alone.
 */
class InboxRoutesTest extends RouteFilesTestSupport {

    @Override
    List<String> routeFiles() {
        return List.of("inbox.camel.yaml", "enrich.camel.yaml", "token.camel.yaml");
    }

    /** Done with a file (its idle polls carry no file name). */
    private NotifyBuilder fileDone(String name) {
        return new NotifyBuilder(context).fromRoute("inbox").filter(header(Exchange.FILE_NAME).isEqualTo(name))
                .whenDone(1).create();
    }

    @Test
    void aFileInGivesItsOutputsAndMovesToDone() throws Exception {
        assertThat(context.getRoutes()).extracting(Route::getRouteId)
                .containsExactlyInAnyOrder("inbox", "enrich", "spotify-artists", "token-renewal", "spotify-token");
        List<String> ids = emulator().catalog().ids().subList(0, 60);
        List<String> lines = new ArrayList<>(ids);
        lines.add(10, "not-an-id");
        lines.add("spotify:artist:" + ids.get(0)); // a duplicate: one output line, no call
        NotifyBuilder done = fileDone("artists.txt");

        app.drop("artists.txt", lines);

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(app.lines("artists.jsonl")).containsExactlyElementsOf(ids.stream().map(RouteFilesTestSupport::artist).toList());
        List<String> rejects = app.lines("artists.rejects.jsonl");
        assertThat(rejects).hasSize(1);
        JsonNode reject = new ObjectMapper().readTree(rejects.get(0));
        assertThat(reject.path("line").asInt()).isEqualTo(11);
        assertThat(reject.path("input").asText()).isEqualTo("not-an-id");
        assertThat(reject.path("reason").asText()).isEqualTo("invalid_id");
        JsonNode summary = new ObjectMapper().readTree(app.out("artists.summary.json").toFile());
        assertThat(summary.path("source").asText()).isEqualTo("artists.txt");
        assertThat(summary.path("lines").asInt()).isEqualTo(62);
        assertThat(summary.path("ids").asInt()).isEqualTo(61);
        assertThat(summary.path("unique").asInt()).isEqualTo(60);
        assertThat(summary.path("enriched").asInt()).isEqualTo(60);
        assertThat(summary.path("rejected").asInt()).isEqualTo(1);
        assertThat(summary.path("apiCalls").asInt()).isEqualTo(2);

        assertThat(app.inbox.resolve(".done/artists.txt")).exists();
        assertThat(app.inbox.resolve("artists.txt")).doesNotExist();
        assertThat(emulator().stats().batchCalls()).isEqualTo(2);
        try (var outbox = Files.list(app.outbox)) {
            assertThat(outbox.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("artists.jsonl", "artists.rejects.jsonl", "artists.summary.json");
        }
    }

    @Test
    void hiddenFilesAndOtherEndingsAreLeftAlone() throws Exception {
        String id = emulator().catalog().ids().get(0);
        app.drop(".draft.txt", List.of(id));
        app.drop("notes.md", List.of(id));
        NotifyBuilder done = fileDone("one.csv");

        app.drop("one.csv", List.of("name,artist_id", "Someone," + id));

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(app.lines("one.jsonl")).containsExactly(artist(id));
        assertThat(app.inbox.resolve(".draft.txt")).exists();
        assertThat(app.inbox.resolve("notes.md")).exists();
        try (var moved = Files.list(app.inbox.resolve(".done"))) {
            assertThat(moved.map(p -> p.getFileName().toString())).containsExactly("one.csv");
        }
        assertThat(app.out("notes.jsonl")).doesNotExist();
        assertThat(app.out(".draft.jsonl")).doesNotExist();
    }
}
