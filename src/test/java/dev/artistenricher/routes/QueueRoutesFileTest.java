package dev.artistenricher.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/queue.camel.yaml} on plain Camel endpoints (the {@code queue-any} door from a
 * {@code seda:} queue, artists and rejects to {@code mock:} endpoints), with the enrich and token
 * routes behind it: the routes the {@code queueRoutes} bean creates from the templates, incoming
 * headers dropped at the door, one output message per artist with its ID as a header.
 */
class QueueRoutesFileTest extends RouteFilesTestSupport {

    @Override
    List<String> routeFiles() {
        return List.of("queue.camel.yaml", "enrich.camel.yaml", "token.camel.yaml", "errors.camel.yaml");
    }

    @Override
    void properties(Properties properties) {
        properties.setProperty("enricher.input-uri", "seda:artist-ids");
        properties.setProperty("enricher.output-uri", "mock:artists");
        properties.setProperty("enricher.rejects-uri", "mock:rejects");
    }

    @Test
    void aMessageOfIdsBecomesOneMessagePerArtistAndOnePerReject() throws Exception {
        List<String> ids = emulator().catalog().ids().subList(0, 3);
        MockEndpoint artists = getMockEndpoint("mock:artists");
        artists.expectedBodiesReceived(artist(ids.get(0)), artist(ids.get(1)), artist(ids.get(2)));
        artists.expectedHeaderValuesReceivedInAnyOrder("artistId", ids.get(0), ids.get(1), ids.get(2));
        artists.message(0).header("CamelFileName").isNull();
        MockEndpoint rejects = getMockEndpoint("mock:rejects");
        rejects.expectedMessageCount(1);
        rejects.message(0).body().contains("\"reason\":\"invalid_id\"");
        NotifyBuilder batch = new NotifyBuilder(context).fromRoute("queue").wereSentTo("direct:queue-batch")
                .whenExactlyCompleted(1).create();

        template.sendBodyAndHeader("seda:artist-ids", ids.get(0) + "\nnot-an-id\n" + ids.get(1) + "\n" + ids.get(2),
                "CamelFileName", "../../evil");

        assertThat(batch.matches(10, TimeUnit.SECONDS)).isTrue();
        MockEndpoint.assertIsSatisfied(10, TimeUnit.SECONDS, artists, rejects);
        assertThat(context.getRoute("queue").getGroup()).isEqualTo("queue");
        assertThat(emulator().stats().batchCalls()).isEqualTo(1);
    }
}
