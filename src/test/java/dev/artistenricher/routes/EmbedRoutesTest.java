package dev.artistenricher.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/embed.camel.yaml}: {@code direct:artist-enricher}, with the enrich and token routes
 * behind it. A body of IDs in any of its forms gives the artists as one JSON array in order of
 * first appearance, the rejects and counts as headers.
 */
class EmbedRoutesTest extends RouteFilesTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    List<String> routeFiles() {
        return List.of("embed.camel.yaml", "enrich.camel.yaml", "token.camel.yaml");
    }

    private Exchange enrich(Object body) {
        return template.request("direct:artist-enricher", exchange -> exchange.getMessage().setBody(body));
    }

    private static List<JsonNode> expectedArtists(List<String> ids) throws Exception {
        List<JsonNode> artists = new ArrayList<>();
        for (String id : ids) {
            artists.add(JSON.readTree(artist(id)));
        }
        return artists;
    }

    private static List<JsonNode> artists(Exchange answer) throws Exception {
        List<JsonNode> artists = new ArrayList<>();
        JSON.readTree(answer.getMessage().getBody(String.class)).forEach(artists::add);
        return artists;
    }

    @Test
    void linesOfIdsGiveTheArtistsInOrderAndTheRejectsAndCountsAsHeaders() throws Exception {
        List<String> ids = emulator().catalog().ids().subList(0, 120);
        List<String> lines = new ArrayList<>(ids);
        lines.add(3, "not-an-id");
        lines.add("https://open.spotify.com/artist/" + ids.get(7) + "?si=x"); // a duplicate
        // the body's distinct IDs in batches of up to enricher.batch-size, each its own exchange to direct:enrich
        NotifyBuilder batches = new NotifyBuilder(context).fromRoute("artist-enricher").wereSentTo("direct:enrich")
                .whenExactlyCompleted(3).create();

        Exchange answer = enrich(String.join("\n", lines));

        assertThat(batches.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(answer.getException()).isNull();
        assertThat(artists(answer)).containsExactlyElementsOf(expectedArtists(ids));
        JsonNode rejects = JSON.readTree(answer.getMessage().getHeader("artistEnricherRejects", String.class));
        assertThat(rejects).hasSize(1);
        assertThat(rejects.get(0).path("line").asInt()).isEqualTo(4);
        assertThat(rejects.get(0).path("reason").asText()).isEqualTo("invalid_id");
        assertThat(answer.getMessage().getHeader("artistEnricherUnique", Integer.class)).isEqualTo(120);
        assertThat(answer.getMessage().getHeader("artistEnricherEnriched", Integer.class)).isEqualTo(120);
        assertThat(answer.getMessage().getHeader("artistEnricherRejected", Integer.class)).isEqualTo(1);
        assertThat(answer.getMessage().getHeader("artistEnricherApiCalls", Integer.class)).isEqualTo(3);
        assertThat(emulator().stats().batchCalls()).isEqualTo(3);
    }

    @Test
    void aJsonArrayAndAListAreTheSameIdsAndTheSecondAskingCostsNoCall() throws Exception {
        List<String> ids = emulator().catalog().ids().subList(0, 30);

        Exchange fromJson = enrich(JSON.writeValueAsString(ids));
        Exchange fromList = enrich(ids.stream().map(id -> "spotify:artist:" + id).toList());

        assertThat(artists(fromJson)).containsExactlyElementsOf(expectedArtists(ids));
        assertThat(artists(fromList)).containsExactlyElementsOf(expectedArtists(ids));
        assertThat(fromList.getMessage().getHeader("artistEnricherApiCalls", Integer.class)).as("answered from the store").isZero();
        assertThat(emulator().stats().batchCalls()).isEqualTo(1);
    }
}
