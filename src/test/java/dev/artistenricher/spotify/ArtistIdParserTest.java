package dev.artistenricher.spotify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtistIdParserTest {

    private static final String ID = "4Z8W4fKeB5YxbusRsdQVPb";

    @ParameterizedTest
    @ValueSource(strings = {
        ID,
        "  " + ID + "  ",
        "\uFEFF" + ID,
        ID + "\r",
        "\t" + ID,
        "spotify:artist:" + ID,
        "https://open.spotify.com/artist/" + ID,
        "http://open.spotify.com/artist/" + ID,
        "https://open.spotify.com/artist/" + ID + "/",
        "https://open.spotify.com/artist/" + ID + "?si=abc123XYZ",
        "https://open.spotify.com/artist/" + ID + "?si=abc&nd=1#top",
        "https://open.spotify.com/artist/" + ID + "#fragment",
        "https://open.spotify.com/intl-de/artist/" + ID,
        "https://open.spotify.com/intl-pt/artist/" + ID + "?si=x",
        "HTTPS://OPEN.SPOTIFY.COM/artist/" + ID,
    })
    void acceptsEveryDocumentedForm(String line) {
        assertThat(ArtistIdParser.parse(line)).isEqualTo(new ArtistIdParser.Valid(ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\r", "\uFEFF", "# a comment", "  # indented comment", "#" + ID})
    void skipsBlanksAndComments(String line) {
        assertThat(ArtistIdParser.parse(line)).isInstanceOf(ArtistIdParser.Skipped.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not-an-artist-id",
        "4Z8W4fKeB5YxbusRsdQVP",                    // 21 characters
        "4Z8W4fKeB5YxbusRsdQVPbX",                  // 23 characters
        "4Z8W4fKeB5YxbusRsdQV-b",                   // character outside the alphabet
        "4Z8W4fKeB5YxbusRsdQVPb?market=US",
        "4Z8W4fKeB5YxbusRsdQVPb/../../me",
        "../../etc/passwd",
        "%2e%2e%2f",
        "spotify:track:" + ID,
        "spotify:artist:" + ID + "x",
        "spotify:artist:",
        "https://open.spotify.com/track/" + ID,
        "https://open.spotify.com/artist/" + ID + "/../../x",
        "https://open.spotify.com.evil.example/artist/" + ID,
        "https://evil.example/open.spotify.com/artist/" + ID,
        "https://open.spotify.com/artist/" + ID + "/albums",
        "ftp://open.spotify.com/artist/" + ID,
        "4Z8W4fKeB5Yx\u0000busRsdQVPb",
        "4Z8W4fKeB5Yx\uFFFDbusRsdQVPb",
        ID + " " + ID,
        "\"" + ID + "\"",
    })
    void rejectsEverythingElseWithAReason(String line) {
        ArtistIdParser.Result result = ArtistIdParser.parse(line);
        assertThat(result).isInstanceOf(ArtistIdParser.Invalid.class);
        assertThat(((ArtistIdParser.Invalid) result).detail()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4Z8W4fKeB5YxbusRsdQVP", "4Z8W4fKeB5YxbusRsdQVPb/", "4Z8W4fKeB5YxbusRsdQVP%"})
    void onlyExactIdsAreWellFormed(String text) {
        assertThat(ArtistIdParser.isWellFormedId(text)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void explainsALengthMistake() {
        assertThat(ArtistIdParser.parse("4Z8W4fKeB5YxbusRsdQVP"))
                .isEqualTo(new ArtistIdParser.Invalid("an ID has 22 characters, this has 21"));
    }

    @org.junit.jupiter.api.Test
    void aNameLineIsAnArtistName() {
        assertThat(ArtistIdParser.parse("name:Radiohead")).isEqualTo(new ArtistIdParser.Name("Radiohead"));
        assertThat(ArtistIdParser.parse("  NAME:  Sigur Rós  \r")).isEqualTo(new ArtistIdParser.Name("Sigur Rós"));
        assertThat(ArtistIdParser.parse("Name:AC/DC?x=1#top")).isEqualTo(new ArtistIdParser.Name("AC/DC?x=1#top"));
        assertThat(ArtistIdParser.parse("name:")).isEqualTo(new ArtistIdParser.Invalid("name: without an artist name"));
        assertThat(ArtistIdParser.parse("name:   ")).isInstanceOf(ArtistIdParser.Invalid.class);
        assertThat(ArtistIdParser.parse("name:a\u0000b")).isEqualTo(new ArtistIdParser.Invalid("contains control or undecodable characters"));
        assertThat(ArtistIdParser.parse("name:" + "x".repeat(600))).isInstanceOf(ArtistIdParser.Invalid.class);
        // not a name: the prefix must start the line
        assertThat(ArtistIdParser.parse("artist name:Radiohead")).isInstanceOf(ArtistIdParser.Invalid.class);
        assertThat(ArtistIdParser.parse("# name:Radiohead")).isInstanceOf(ArtistIdParser.Skipped.class);
    }
}
