package dev.artistenricher.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private static final Catalog CATALOG = Catalog.bundled();

    @Test
    void bundledCatalogHoldsRadioheadAndAboutThreeHundredArtists() throws Exception {
        assertThat(CATALOG.size()).isBetween(250, 400);
        assertThat(CATALOG.ids()).hasSize(CATALOG.size()).doesNotHaveDuplicates().allMatch(SpotifyIds::isWellFormed);
        assertThat(CATALOG.contains("4Z8W4fKeB5YxbusRsdQVPb")).isTrue();
        JsonNode radiohead = new ObjectMapper().readTree(CATALOG.artistJson("4Z8W4fKeB5YxbusRsdQVPb", false).orElseThrow());
        assertThat(radiohead.get("name").asText()).isEqualTo("Radiohead");
        assertThat(radiohead.get("popularity").asInt()).isBetween(70, 90);
        assertThat(CATALOG.artistJson("0000000000000000000000", false)).isEmpty();
    }

    @Test
    void serializationRoundTripsTheBundledFileByteForByte() throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Catalog.class.getResourceAsStream(Catalog.BUNDLED_RESOURCE), StandardCharsets.UTF_8))) {
            List<String> lines = reader.lines().filter(line -> line.startsWith("{")).collect(Collectors.toList());
            assertThat(lines).hasSize(CATALOG.size());
            for (int i = 0; i < lines.size(); i++) {
                String expected = lines.get(i).endsWith(",") ? lines.get(i).substring(0, lines.get(i).length() - 1) : lines.get(i);
                String actual = new String(CATALOG.artistJson(CATALOG.ids().get(i), false).orElseThrow(), StandardCharsets.UTF_8);
                assertThat(actual).isEqualTo(expected);
            }
        }
    }

    @Test
    void developmentModeVariantLacksFollowersPopularityGenres() throws Exception {
        JsonNode dev = new ObjectMapper().readTree(CATALOG.artistJson(CATALOG.ids().get(3), true).orElseThrow());
        assertThat(dev.has("followers")).isFalse();
        assertThat(dev.has("popularity")).isFalse();
        assertThat(dev.has("genres")).isFalse();
        assertThat(dev.has("images")).isTrue();
    }

    @Test
    void sampleInputMixesFormatsAndPointsIntoTheCatalog() throws Exception {
        List<String> lines;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Catalog.class.getResourceAsStream("/artist-enricher/sandbox/sample-artists.txt"), StandardCharsets.UTF_8))) {
            lines = reader.lines().collect(Collectors.toList());
        }
        Pattern id = Pattern.compile("(?:^|artist[:/])([0-9A-Za-z]{22})(?:$|\\?)");
        long inCatalog = 0;
        long wellFormedUnknown = 0;
        long invalid = 0;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher matcher = id.matcher(trimmed);
            if (!matcher.find()) {
                invalid++;
            } else if (CATALOG.contains(matcher.group(1))) {
                inCatalog++;
            } else {
                wellFormedUnknown++;
            }
        }
        assertThat(lines).hasSizeBetween(50, 70);
        assertThat(lines.get(0)).startsWith("#");
        assertThat(lines).contains("4Z8W4fKeB5YxbusRsdQVPb").anyMatch(l -> l.contains("/intl-de/"));
        assertThat(invalid).isEqualTo(2);
        assertThat(wellFormedUnknown).isEqualTo(2);
        assertThat(inCatalog).isGreaterThan(45);
    }
}
