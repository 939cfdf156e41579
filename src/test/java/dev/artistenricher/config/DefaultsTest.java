package dev.artistenricher.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each key's default is written once, in {@code application.properties} (a key commented out there
 * has no default); README's key table, {@code --help} and the fallbacks of {@link EnricherSettings}
 * are checked against it, so that none of them can drift.
 */
class DefaultsTest {

    private static final Pattern PROPERTY = Pattern.compile("^(#?)([a-z][a-z0-9.-]*[a-z0-9])\\s*=\\s*(.*)$");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern HELP_DEFAULT = Pattern.compile("^\\s+([a-z][a-z0-9.-]+)\\s+.*?\\bdefault (\\S+?)[,)]?(\\s|$)");
    /** Set by the application itself (--once), or derived from another key (camel.server.enabled). */
    private static final List<String> INTERNAL = List.of("enricher.inbox.auto-startup", "enricher.inbox.once",
            "camel.server.enabled");

    /** key -> default; a key commented out ({@code #key =}) maps to an empty Optional. */
    private static Map<String, Optional<String>> sourceOfTruth() throws IOException {
        Map<String, Optional<String>> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            Matcher m = PROPERTY.matcher(line.strip());
            if (m.matches()) {
                boolean commented = !m.group(1).isEmpty();
                keys.put(m.group(2), commented ? Optional.empty() : Optional.of(m.group(3).strip()));
            }
        }
        return keys;
    }

    @Test
    void theReadmeKeyTableHasEveryDefaultOfApplicationProperties() throws IOException {
        Map<String, Optional<String>> truth = sourceOfTruth();
        List<String> problems = new ArrayList<>();
        int rows = 0;
        for (String row : readmeKeyTable()) {
            String[] cells = row.split("\\|");
            List<String> keys = backticked(cells[1]);
            String defaultCell = cells[2].strip();
            List<String> defaults = backticked(defaultCell);
            if (keys.isEmpty() || keys.stream().anyMatch(k -> k.contains("*"))) {
                continue; // camel.component.https.*: camel-http's own defaults
            }
            rows++;
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                if (!truth.containsKey(key)) {
                    problems.add(key + ": in README, not in application.properties");
                } else if (defaultCell.startsWith("none")) {
                    if (truth.get(key).isPresent()) {
                        problems.add(key + ": README says none, application.properties " + truth.get(key).get());
                    }
                } else if (defaults.size() != keys.size()) {
                    problems.add(key + ": README row has " + keys.size() + " keys and " + defaults.size() + " defaults");
                } else if (!Optional.of(defaults.get(i)).equals(truth.get(key))) {
                    problems.add(key + ": README " + defaults.get(i) + ", application.properties " + truth.get(key).orElse("(none)"));
                }
            }
        }
        assertThat(rows).as("rows of README's key table").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKeyOfOursInApplicationPropertiesIsInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> missing = sourceOfTruth().keySet().stream()
                .filter(k -> k.startsWith("enricher.") || k.startsWith("spotify.") || k.startsWith("camel.server."))
                .filter(k -> !INTERNAL.contains(k))
                .filter(k -> !readme.contains("`" + k + "`"))
                .toList();
        assertThat(missing).isEmpty();
    }

    @Test
    void theDefaultsInHelpAreThoseOfApplicationProperties() throws Exception {
        Map<String, Optional<String>> truth = sourceOfTruth();
        java.lang.reflect.Field text = Class.forName("dev.artistenricher.Help").getDeclaredField("TEXT");
        text.setAccessible(true);
        String help = (String) text.get(null);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String line : help.split("\n")) {
            Matcher m = HELP_DEFAULT.matcher(line);
            if (m.find()) {
                checked++;
                String key = m.group(1);
                Optional<String> expected = truth.getOrDefault(key, Optional.of("(not in application.properties)"));
                if (!Optional.of(m.group(2)).equals(expected)) {
                    problems.add(key + ": --help " + m.group(2) + ", application.properties " + expected.orElse("(none)"));
                }
            }
        }
        assertThat(checked).as("keys with a default in --help").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void theFallbacksOfEnricherSettingsAreThoseOfApplicationProperties() throws IOException {
        Map<String, Optional<String>> truth = sourceOfTruth();
        EnricherSettings fallbacks = EnricherSettings.read(key -> switch (key) {
            case "spotify.client-id", "spotify.client-secret" -> Optional.of("x");
            default -> Optional.empty();
        });
        assertThat(fallbacks.tokenUrl().toString()).isEqualTo(value(truth, "spotify.token-url"));
        assertThat(fallbacks.apiUrl().toString()).isEqualTo(value(truth, "spotify.api-url"));
        assertThat(fallbacks.inbox().toString()).isEqualTo(value(truth, "enricher.inbox"));
        assertThat(fallbacks.outbox().toString()).isEqualTo(value(truth, "enricher.outbox"));
        assertThat(fallbacks.store().toString()).isEqualTo(value(truth, "enricher.store"));
        assertThat(fallbacks.batchSize()).isEqualTo(Integer.parseInt(value(truth, "enricher.batch-size")));
        assertThat(fallbacks.concurrency()).isEqualTo(Integer.parseInt(value(truth, "enricher.concurrency")));
        assertThat(fallbacks.cacheMegabytes()).isEqualTo(Integer.parseInt(value(truth, "enricher.cache.max-size-mb")));
        assertThat(fallbacks.maxInlineWait()).isEqualTo(duration(truth, "enricher.max-inline-wait"));
        assertThat(fallbacks.giveUpAfter()).isEqualTo(duration(truth, "enricher.retry.give-up-after"));
        assertThat(fallbacks.retryInitialBackoff()).isEqualTo(duration(truth, "enricher.retry.initial-backoff"));
        assertThat(fallbacks.retryMaxBackoff()).isEqualTo(duration(truth, "enricher.retry.max-backoff"));
        assertThat(fallbacks.cacheTtl()).isEqualTo(duration(truth, "enricher.cache.ttl"));
        assertThat(fallbacks.notFoundTtl()).isEqualTo(duration(truth, "enricher.cache.not-found-ttl"));
        assertThat(fallbacks.searchLimit()).isEqualTo(Integer.parseInt(value(truth, "enricher.search.limit")));
        assertThat(fallbacks.progressInterval()).isEqualTo(Duration.ofSeconds(Long.parseLong(value(truth, "enricher.progress-interval"))));
    }

    @Test
    void theFallbacksOfHttpSettingsAreThoseOfApplicationProperties() throws IOException {
        Map<String, Optional<String>> truth = sourceOfTruth();
        // camel.server.host is left out: unset, Camel itself binds 0.0.0.0, and the check follows Camel
        HttpSettings fallbacks = HttpSettings.read(key -> Optional.empty());
        assertThat(fallbacks.enabled()).isEqualTo(Boolean.parseBoolean(value(truth, "enricher.http.enabled")));
        assertThat(fallbacks.port()).isEqualTo(Integer.parseInt(value(truth, "camel.server.port")));
        assertThat(fallbacks.maxIds()).isEqualTo(Integer.parseInt(value(truth, "enricher.http.max-ids")));
        assertThat(fallbacks.maxInFlight()).isEqualTo(Integer.parseInt(value(truth, "enricher.http.max-in-flight")));
    }

    @Test
    void theFallbacksOfScheduleSettingsAreThoseOfApplicationProperties() throws IOException {
        Map<String, Optional<String>> truth = sourceOfTruth();
        ScheduleSettings fallbacks = ScheduleSettings.read(key -> Optional.empty());
        assertThat(truth.get("enricher.schedule.cron")).as("no schedule unless set").isEmpty();
        assertThat(fallbacks.cron()).isEmpty();
        assertThat(fallbacks.lists().toString()).isEqualTo(value(truth, "enricher.schedule.lists"));
        assertThat(fallbacks.keep()).isEqualTo(Integer.parseInt(value(truth, "enricher.schedule.keep")));
    }

    private static String value(Map<String, Optional<String>> truth, String key) {
        return truth.getOrDefault(key, Optional.empty()).orElseThrow(() -> new AssertionError(key + " has no default"));
    }

    private static Duration duration(Map<String, Optional<String>> truth, String key) {
        return Durations.parse(key, value(truth, key));
    }

    /** The rows of the table under README's "## Configuration", header and rule left out. */
    private static List<String> readmeKeyTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("## Configuration");
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (line.startsWith("| key |")) {
                inTable = true;
            } else if (inTable && line.startsWith("| ") && !line.startsWith("| ---")) {
                rows.add(line);
            } else if (inTable && !line.startsWith("|")) {
                break; // the table ends at its first line that is not a row
            }
        }
        return rows;
    }

    private static List<String> backticked(String cell) {
        List<String> values = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
