package dev.artistenricher.sandbox;

import static dev.artistenricher.sandbox.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/search?type=artist} as Spotify answers it since February 2026. */
class SearchEndpointTest extends EmulatorTestBase {

    private HttpResponse<String> search(String query) {
        return client.get("/search?" + query, "Bearer " + token);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    @Test
    void answersAPagingObjectOfFullArtistsWithSpotifysLinks() {
        HttpResponse<String> response = search("q=radiohead&type=artist");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = json(response);
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("artists");
        JsonNode page = root.get("artists");
        List<String> fields = new ArrayList<>();
        page.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("href", "items", "limit", "next", "offset", "previous", "total");
        assertThat(page.get("href").asText()).isEqualTo("https://api.spotify.com/v1/search?query=radiohead&type=artist&offset=0&limit=5");
        assertThat(page.get("limit").asInt()).isEqualTo(5);
        assertThat(page.get("offset").asInt()).isZero();
        assertThat(page.get("previous").isNull()).isTrue();
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(page.get("total").asInt()).isEqualTo(1);
        // the item is the artist object of /artists/{id}, byte for byte
        assertThat(page.get("items").get(0).toString()).isEqualTo(new String(
                emulator.catalog().artistJson(RADIOHEAD, false).orElseThrow(), StandardCharsets.UTF_8));
        assertThat(emulator.stats().searchCalls()).isEqualTo(1);
        assertThat(emulator.stats().searchQueries()).containsExactly("radiohead");
    }

    @Test
    void ranksTheSameNameFirstThenNamesStartingWithItThenNamesHoldingItsWords() {
        JsonNode page = json(search("q=" + q("mirror") + "&type=artist&limit=10")).get("artists");

        // "Mirror Lake" twice (the more popular first), then a name with a word starting "mirror"
        assertThat(names(page)).startsWith("Mirror Lake", "Mirror Lake").contains("Silent Mirrors");
        assertThat(page.get("items").get(0).path("popularity").asInt())
                .isGreaterThanOrEqualTo(page.get("items").get(1).path("popularity").asInt());
        assertThat(names(json(search("q=" + q("Lake Mirror") + "&type=artist")).get("artists")))
                .containsExactly("Mirror Lake", "Mirror Lake");
    }

    @Test
    void matchesAcrossCaseAccentsAndPunctuation() {
        assertThat(names(json(search("q=" + q("sigrun thorsdottir") + "&type=artist")).get("artists"))).isEmpty();
        assertThat(names(json(search("q=" + q("SIGRÚN Þórsdóttir") + "&type=artist")).get("artists")))
                .containsExactly("Sigrún Þórsdóttir");
        assertThat(names(json(search("q=" + q("sigrun þorsdottir") + "&type=artist")).get("artists")))
                .containsExactly("Sigrún Þórsdóttir");
        assertThat(names(json(search("q=" + q("guns n lanterns") + "&type=artist")).get("artists")))
                .containsExactly("Guns N' Lanterns");
        assertThat(emulator.stats().searchQueries()).contains("SIGRÚN Þórsdóttir", "guns n lanterns");
    }

    @Test
    void pagesWithLimitAndOffset() {
        JsonNode first = json(search("q=the&type=artist&limit=2")).get("artists");
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("total").asInt()).isGreaterThan(4);
        assertThat(first.get("next").asText()).isEqualTo("https://api.spotify.com/v1/search?query=the&type=artist&offset=2&limit=2");

        JsonNode second = json(search("q=the&type=artist&limit=2&offset=2")).get("artists");
        assertThat(second.get("previous").asText()).isEqualTo("https://api.spotify.com/v1/search?query=the&type=artist&offset=0&limit=2");
        assertThat(names(second)).doesNotContainAnyElementsOf(names(first));
    }

    @Test
    void refusesWhatSpotifyRefuses() {
        assertThat(search("type=artist").body()).isEqualTo("{\"error\":{\"status\":400,\"message\":\"No search query\"}}");
        assertThat(search("q=&type=artist").statusCode()).isEqualTo(400);
        assertThat(search("q=radiohead").body()).isEqualTo("{\"error\":{\"status\":400,\"message\":\"Missing parameter type\"}}");
        assertThat(search("q=radiohead&type=singer").body()).isEqualTo("{\"error\":{\"status\":400,\"message\":\"Bad search type field\"}}");
        // February 2026: at most 10 results a page
        assertThat(search("q=radiohead&type=artist&limit=10").statusCode()).isEqualTo(200);
        HttpResponse<String> eleven = search("q=radiohead&type=artist&limit=11");
        assertThat(eleven.statusCode()).isEqualTo(400);
        assertThat(eleven.body()).isEqualTo("{\"error\":{\"status\":400,\"message\":\"Invalid limit\"}}");
        assertThat(search("q=radiohead&type=artist&limit=50").statusCode()).isEqualTo(400);
        assertThat(search("q=radiohead&type=artist&limit=0").statusCode()).isEqualTo(400);
        assertThat(search("q=radiohead&type=artist&limit=x").statusCode()).isEqualTo(400);
        assertThat(search("q=radiohead&type=artist&offset=1001").body()).contains("Invalid offset");
        assertThat(emulator.stats().searchCalls()).isEqualTo(10);
        assertThat(emulator.stats().searchQueries()).containsExactly("radiohead");
    }

    @Test
    void otherTypesGetEmptyPagesBesideTheArtists() {
        JsonNode root = json(search("q=radiohead&type=track,artist"));
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("tracks", "artists");
        assertThat(root.get("tracks").get("items")).isEmpty();
        assertThat(root.get("tracks").get("total").asInt()).isZero();
        assertThat(root.get("artists").get("items")).hasSize(1);
    }

    @Test
    void authenticatesAndThrottlesLikeTheOtherEndpoints() {
        assertThat(client.get("/search?q=radiohead&type=artist", null).statusCode()).isEqualTo(401);
        assertThat(client.get("/search?q=radiohead&type=artist", "Bearer not-a-token").statusCode()).isEqualTo(401);
        emulator.controls().tooManyRequestsNext(1, 3);
        HttpResponse<String> limited = search("q=radiohead&type=artist");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(emulator.stats().searchCalls()).isEqualTo(3);
        assertThat(emulator.stats().searchQueries()).isEmpty();
    }

    @Test
    void developmentModeArtistsLackFollowersPopularityAndGenres() {
        emulator.controls().developmentMode(true);

        JsonNode page = json(search("q=" + q("Mirror Lake") + "&type=artist")).get("artists");

        assertThat(page.get("items")).hasSize(2);
        for (JsonNode item : page.get("items")) {
            assertThat(item.has("followers")).isFalse();
            assertThat(item.has("popularity")).isFalse();
            assertThat(item.has("genres")).isFalse();
            assertThat(item.path("name").asText()).isEqualTo("Mirror Lake");
            assertThat(item.toString()).isEqualTo(new String(emulator.catalog().artistJson(item.path("id").asText(), true)
                    .orElseThrow(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void onlyGetIsAllowed() {
        HttpResponse<String> post = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(emulator.apiUrl() + "/search?q=radiohead&type=artist"))
                .header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
