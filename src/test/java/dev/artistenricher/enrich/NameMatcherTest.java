package dev.artistenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice of an artist among search results, on hand-written results. */
class NameMatcherTest {

    private static final String A = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String B = "BBBBBBBBBBBBBBBBBBBBBB";
    private static final String C = "CCCCCCCCCCCCCCCCCCCCCC";

    private static byte[] artist(String id, String name, Long followers, Integer popularity, String genres) {
        String json = "{" + (followers == null ? "" : "\"followers\":{\"href\":null,\"total\":" + followers + "},")
                + (genres == null ? "" : "\"genres\":" + genres + ",")
                + "\"id\":\"" + id + "\",\"name\":\"" + name + "\""
                + (popularity == null ? "" : ",\"popularity\":" + popularity) + ",\"type\":\"artist\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void comparesWithoutCaseAccentsPunctuationOrExtraSpaces() {
        assertThat(NameMatcher.normalize("  Zoé   FERREIRA ")).isEqualTo("zoe ferreira");
        assertThat(NameMatcher.normalize("Guns N' Lanterns!")).isEqualTo(NameMatcher.normalize("guns n lanterns"));
        assertThat(NameMatcher.normalize("AC/DC")).isEqualTo("acdc");
        assertThat(NameMatcher.normalize("Ｒａｄｉｏｈｅａｄ")).isEqualTo("radiohead"); // full-width letters
        assertThat(NameMatcher.normalize("Sigur Rós")).isEqualTo("sigur ros");
        assertThat(NameMatcher.normalize("静寂 & Nico")).isEqualTo("静寂 nico");
        // a name of punctuation alone keeps it: "!!!" is not "?"
        assertThat(NameMatcher.normalize("!!!")).isEqualTo("!!!");
        assertThat(NameMatcher.normalize("!!!")).isNotEqualTo(NameMatcher.normalize("?"));
    }

    @Test
    void oneResultOfThatNameIsTheArtistWhereverItRanks() {
        byte[] other = artist(B, "Radiohead Tribute", 10L, 90, "[]");
        byte[] radiohead = artist(A, "Radiohead", 5L, 10, "[]");

        NameMatcher.Outcome outcome = NameMatcher.match("radiohead", List.of(other, radiohead));

        assertThat(outcome).isInstanceOf(NameMatcher.Matched.class);
        NameMatcher.Matched matched = (NameMatcher.Matched) outcome;
        assertThat(matched.id()).isEqualTo(A);
        assertThat(matched.how()).isEqualTo(NameMatch.EXACT);
        assertThat(matched.artist()).isSameAs(radiohead); // the bytes Spotify sent
    }

    @Test
    void severalOfThatNameAreToldApartByFollowersThenPopularity() {
        NameMatcher.Matched byFollowers = (NameMatcher.Matched) NameMatcher.match("Lake", List.of(
                artist(A, "Lake", 100L, 90, null), artist(B, "LAKE", 200L, 10, null)));
        assertThat(byFollowers.id()).isEqualTo(B);
        assertThat(byFollowers.how()).isEqualTo(NameMatch.FOLLOWERS);

        NameMatcher.Matched byPopularity = (NameMatcher.Matched) NameMatcher.match("Lake", List.of(
                artist(A, "Lake", 200L, 10, null), artist(B, "Lake", 200L, 30, null), artist(C, "Lake", 100L, 99, null)));
        assertThat(byPopularity.id()).isEqualTo(B);
        assertThat(byPopularity.how()).isEqualTo(NameMatch.POPULARITY);

        // no followers returned for one of them: popularity decides
        NameMatcher.Matched partly = (NameMatcher.Matched) NameMatcher.match("Lake", List.of(
                artist(A, "Lake", null, 10, null), artist(B, "Lake", 500L, 30, null)));
        assertThat(partly.how()).isEqualTo(NameMatch.POPULARITY);
    }

    @Test
    void whatNothingTellsApartIsAmbiguousWithTheTiedCandidates() {
        NameMatcher.Outcome tied = NameMatcher.match("Lake", List.of(artist(A, "Lake", 200L, 30, "[\"jazz\"]"),
                artist(B, "Lake", 200L, 30, "[]"), artist(C, "Lake", 100L, 30, "[\"folk\"]")));

        assertThat(tied).isEqualTo(new NameMatcher.Unmatched(Reject.AMBIGUOUS_NAME,
                "[{\"id\":\"" + A + "\",\"name\":\"Lake\",\"genres\":[\"jazz\"]},{\"id\":\"" + B + "\",\"name\":\"Lake\",\"genres\":[]}]"));

        // Development Mode: neither field, so no tie can be broken; no genres in the candidates
        NameMatcher.Outcome devMode = NameMatcher.match("Lake", List.of(artist(A, "Lake", null, null, null),
                artist(B, "Lake", null, null, null)));
        assertThat(devMode).isEqualTo(new NameMatcher.Unmatched(Reject.AMBIGUOUS_NAME,
                "[{\"id\":\"" + A + "\",\"name\":\"Lake\"},{\"id\":\"" + B + "\",\"name\":\"Lake\"}]"));
    }

    @Test
    void noResultOfThatNameIsNotFoundWithTheFirstFiveResults() {
        List<byte[]> results = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            results.add(artist(String.valueOf((char) ('D' + i)).repeat(22), "Lakeside " + i, 1L, 1, null));
        }

        NameMatcher.Unmatched none = (NameMatcher.Unmatched) NameMatcher.match("Lake", results);

        assertThat(none.reason()).isEqualTo(Reject.NOT_FOUND);
        assertThat(none.detail()).startsWith("[{\"id\":\"DDDD").contains("Lakeside 4").doesNotContain("Lakeside 5");
        assertThat(NameMatcher.match("Lake", List.of())).isEqualTo(new NameMatcher.Unmatched(Reject.NOT_FOUND, "[]"));
    }

    @Test
    void aResultWhoseIdIsNotAnArtistIdIsNeverAMatch() {
        NameMatcher.Outcome outcome = NameMatcher.match("Lake", List.of(artist("../../etc/passwd", "Lake", 1L, 1, null)));

        assertThat(outcome).isInstanceOf(NameMatcher.Unmatched.class);
    }
}
