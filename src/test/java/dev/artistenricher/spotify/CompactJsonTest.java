package dev.artistenricher.spotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompactJsonTest {

    private static String compact(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new String(CompactJson.of(bytes, 0, bytes.length), StandardCharsets.UTF_8);
    }

    @Test
    void aPrettyPrintedArtistBecomesOneLine() {
        String pretty = """
                {
                  "external_urls" : {
                    "spotify" : "https://open.spotify.com/artist/4Z8W4fKeB5YxbusRsdQVPb"
                  },
                  "genres" : [ "art rock", "alternative rock" ],
                  "name" : "Radiohead",
                  "popularity" : 79
                }""";

        assertThat(compact(pretty)).isEqualTo("""
                {"external_urls":{"spotify":"https://open.spotify.com/artist/4Z8W4fKeB5YxbusRsdQVPb"},\
                "genres":["art rock","alternative rock"],"name":"Radiohead","popularity":79}""");
    }

    @Test
    void stringsKeepTheirSpacesAndEscapesExactlyAsSent() {
        String json = """
                { "name" : "Sigur R\\u00f3s \\" and \\\\ friends " , "x":1.50E+2 }""";

        assertThat(compact(json)).isEqualTo("""
                {"name":"Sigur R\\u00f3s \\" and \\\\ friends ","x":1.50E+2}""");
    }

    @Test
    void compactJsonComesOutUnchangedAndOnlyTheGivenRangeIsTaken() {
        String answer = """
                {"artists":[{"id":"a","name":"Björk"},null]}""";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        int from = answer.indexOf("{\"id\"");
        int to = bytes.length - ",null]}".length();

        assertThat(new String(CompactJson.of(bytes, from, to), StandardCharsets.UTF_8))
                .isEqualTo("""
                        {"id":"a","name":"Björk"}""");
    }
}
