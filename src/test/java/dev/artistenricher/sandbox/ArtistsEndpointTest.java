package dev.artistenricher.sandbox;

import static dev.artistenricher.sandbox.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtistsEndpointTest extends EmulatorTestBase {

    private static final List<String> FULL_FIELDS = List.of("external_urls", "followers", "genres", "href", "id",
            "images", "name", "popularity", "type", "uri");
    private static final List<String> DEV_FIELDS = List.of("external_urls", "href", "id", "images", "name", "type", "uri");

    @Test
    void singleArtistHasSpotifyShapeAndFieldOrder() {
        HttpResponse<String> response = client.artist(token, RADIOHEAD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode artist = json(response);
        assertThat(fieldNames(artist)).isEqualTo(FULL_FIELDS);
        assertThat(artist.get("name").asText()).isEqualTo("Radiohead");
        assertThat(artist.get("href").asText()).isEqualTo("https://api.spotify.com/v1/artists/" + RADIOHEAD);
        assertThat(artist.get("uri").asText()).isEqualTo("spotify:artist:" + RADIOHEAD);
        assertThat(artist.get("external_urls").get("spotify").asText())
                .isEqualTo("https://open.spotify.com/artist/" + RADIOHEAD);
        assertThat(artist.get("followers").get("href").isNull()).isTrue();
        assertThat(artist.get("followers").get("total").asLong()).isGreaterThan(1_000_000);
        assertThat(artist.get("genres").toString()).contains("art rock");
        assertThat(artist.get("images")).hasSize(3);
        assertThat(artist.get("images").get(0).get("url").asText()).matches("https://i\\.scdn\\.co/image/[0-9a-f]{40}");
        assertThat(response.body()).isEqualTo(new String(emulator.catalog().artistJson(RADIOHEAD, false).orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(emulator.stats().singleCalls()).isEqualTo(1);
        assertThat(emulator.stats().idsServed()).isEqualTo(1);
        assertThat(emulator.stats().servedIds()).containsExactly(RADIOHEAD);
    }

    @Test
    void batchKeepsOrderRepeatsDuplicatesAndNullsUnknown() {
        String other = emulator.catalog().ids().get(5);
        HttpResponse<String> response = client.artists(token, other, UNKNOWN, RADIOHEAD, other);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode artists = json(response).get("artists");
        assertThat(artists).hasSize(4);
        assertThat(artists.get(0).get("id").asText()).isEqualTo(other);
        assertThat(artists.get(1).isNull()).isTrue();
        assertThat(artists.get(2).get("id").asText()).isEqualTo(RADIOHEAD);
        assertThat(artists.get(3).get("id").asText()).isEqualTo(other);
        assertThat(emulator.stats().batchCalls()).isEqualTo(1);
        assertThat(emulator.stats().idsRequested()).isEqualTo(4);
        assertThat(emulator.stats().idsServed()).isEqualTo(3);
        assertThat(emulator.stats().servedIds()).containsExactlyInAnyOrder(other, RADIOHEAD);
    }

    @Test
    void batchParsesUrlEncodedQuery() {
        HttpResponse<String> response = client.get("/artists?market=DE&ids=" + RADIOHEAD + "%2C" + UNKNOWN,
                "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("artists")).hasSize(2);
    }

    @Test
    void batchOfFiftyIsFineButFiftyOneIsTooMany() {
        List<String> ids = new ArrayList<>(emulator.catalog().ids().subList(0, 50));
        assertThat(client.artists(token, ids.toArray(String[]::new)).statusCode()).isEqualTo(200);

        ids.add(RADIOHEAD);
        HttpResponse<String> tooMany = client.artists(token, ids.toArray(String[]::new));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo("{\"error\":{\"status\":400,\"message\":\"too many ids requested\"}}");
    }

    @Test
    void malformedIdsAre400() {
        HttpResponse<String> inBatch = client.artists(token, RADIOHEAD, "not-an-id");
        HttpResponse<String> single = client.artist(token, "4Z8W4fKeB5YxbusRsdQVP");
        HttpResponse<String> missing = client.get("/artists", "Bearer " + token);

        assertThat(inBatch.statusCode()).isEqualTo(400);
        assertThat(inBatch.body()).isEqualTo("{\"error\":{\"status\":400,\"message\":\"invalid id\"}}");
        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(single.body()).isEqualTo("{\"error\":{\"status\":400,\"message\":\"invalid id\"}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(emulator.stats().callsWithStatus(400)).isEqualTo(3);
    }

    @Test
    void unknownSingleIs404AndUnknownPathIsServiceNotFound() {
        HttpResponse<String> unknown = client.artist(token, UNKNOWN);
        HttpResponse<String> albums = client.get("/artists/" + RADIOHEAD + "/albums", "Bearer " + token);
        HttpResponse<String> other = client.get("/tracks/" + RADIOHEAD, "Bearer " + token);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":{\"status\":404,\"message\":\"non existing id\"}}");
        assertThat(albums.statusCode()).isEqualTo(404);
        assertThat(albums.body()).isEqualTo("{\"error\":{\"status\":404,\"message\":\"Service not found\"}}");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(emulator.stats().apiCalls()).isEqualTo(3);
    }

    @Test
    void developmentModeForbidsBatchAndStripsFields() {
        emulator.controls().developmentMode(true);

        HttpResponse<String> batch = client.artists(token, RADIOHEAD);
        HttpResponse<String> single = client.artist(token, RADIOHEAD);

        assertThat(batch.statusCode()).isEqualTo(403);
        assertThat(batch.body()).isEqualTo("{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}");
        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(fieldNames(json(single))).isEqualTo(DEV_FIELDS);
    }

    @Test
    void etagRevalidationAnswers304() {
        HttpResponse<String> first = client.artist(token, RADIOHEAD);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> revalidated = client.artist(token, RADIOHEAD, "If-None-Match", etag);
        HttpResponse<String> stale = client.artist(token, RADIOHEAD, "If-None-Match", "\"0\"");

        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(emulator.stats().callsWithStatus(304)).isEqualTo(1);
        assertThat(emulator.stats().idsServed()).isEqualTo(2);
    }

    @Test
    void syntheticCatalogServesDeterministicArtistsForUnknownIds() {
        emulator.controls().syntheticCatalog(true);
        String id = "Ab3dEf7hIj1lMn5pQr9tUv";

        HttpResponse<String> first = client.artist(token, id);
        HttpResponse<String> again = client.artists(token, id);

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode artist = json(first);
        assertThat(fieldNames(artist)).isEqualTo(FULL_FIELDS);
        assertThat(artist.get("name").asText()).isEqualTo("Synthetic Artist Ab3dEf");
        assertThat(artist.get("popularity").asInt()).isBetween(0, 100);
        assertThat(json(again).get("artists").get(0)).isEqualTo(artist);
        assertThat(SyntheticArtists.json(id, false)).isEqualTo(first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(client.artist(token, "not-well-formed").statusCode()).isEqualTo(400);
    }

    @Test
    void injectedLatencyDoesNotSerializeConcurrentRequests() {
        emulator.controls().latency(java.time.Duration.ofMillis(300));
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            calls.add(client.http().sendAsync(client.getRequest("/artists/" + RADIOHEAD, "Bearer " + token),
                    HttpResponse.BodyHandlers.ofString()));
        }
        calls.forEach(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMs).isLessThan(3_000); // 40 x 300 ms would be 12 s if serialized
        assertThat(emulator.stats().maxConcurrentCalls()).isGreaterThan(10);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableList(names);
    }
}
