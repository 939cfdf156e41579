package dev.artistenricher.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.Route;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/schedule.camel.yaml} with the enrich and token routes it hands the batches to: the
 * templates become the Quartz trigger and the start-up check when a cron is set, and a round sent to
 * {@code direct:watch-list-round} writes one snapshot per list, a second one its changes, asking
 * Spotify with the ETags of the first.
 */
class ScheduleRoutesTest extends RouteFilesTestSupport {

    @Override
    List<String> routeFiles() {
        return List.of("schedule.camel.yaml", "enrich.camel.yaml", "token.camel.yaml");
    }

    @Override
    void properties(Properties properties) {
        properties.setProperty("enricher.schedule.lists", dir.resolve("watchlists").toString());
        // far away: the test sends its rounds itself
        properties.setProperty("enricher.schedule.cron", "0 0 3 1 1 ? 2099");
    }

    @Test
    void aRoundWritesASnapshotPerListAndTheSecondItsChangesFromEtags() throws Exception {
        assertThat(context.getRoutes()).extracting(Route::getRouteId).contains("watch-list-round", "watch-list-schedule",
                "watch-list-catch-up", "enrich", "spotify-artists");
        assertThat(context.getRoute("watch-list-schedule").getEndpoint().getEndpointUri()).startsWith("quartz://artist-enricher/watch-lists");
        Path lists = Files.createDirectories(dir.resolve("watchlists"));
        List<String> ids = emulator().catalog().ids().subList(0, 3);
        Files.write(lists.resolve("a.txt"), ids, StandardCharsets.UTF_8);
        Files.write(lists.resolve("b.csv"), List.of("id", ids.get(2)), StandardCharsets.UTF_8);
        Files.writeString(lists.resolve(".hidden.txt"), ids.get(0), StandardCharsets.UTF_8);

        NotifyBuilder rounds = new NotifyBuilder(context).fromRoute("watch-list-round").whenDone(2).create();
        template.sendBody("direct:watch-list-round", null);
        emulator().controls().changeFollowers(ids.get(0), 7);
        template.sendBody("direct:watch-list-round", null);
        assertThat(rounds.matches(30, TimeUnit.SECONDS)).isTrue();

        Path a = app.outbox.resolve("snapshots/a");
        List<String> snapshots;
        try (Stream<Path> files = Files.list(a)) {
            snapshots = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d{8}T\\d{6}Z\\.jsonl")).sorted().toList();
        }
        assertThat(snapshots).hasSize(2);
        assertThat(Files.readAllLines(a.resolve(snapshots.get(0)))).containsExactlyElementsOf(ids.stream().map(RouteFilesTestSupport::artist).toList());
        String second = snapshots.get(1).replace(".jsonl", "");
        assertThat(Files.readAllLines(a.resolve(second + ".changes.jsonl"))).singleElement().asString()
                .startsWith("{\"id\":\"" + ids.get(0) + "\"").contains("\"followers.total\":[").endsWith(",7]}}");
        assertThat(app.outbox.resolve("snapshots/b")).isDirectory();
        assertThat(app.outbox.resolve("snapshots/.hidden")).doesNotExist();
        // the first round's ETags: b's unchanged call is a 304 the second time, a's changed one a 200
        assertThat(emulator().stats().callsWithStatus(304)).isEqualTo(1);
    }
}
