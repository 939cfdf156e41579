package dev.artistenricher.routes;

import static org.apache.camel.builder.Builder.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.inbox.InputFileException;
import dev.artistenricher.run.RunStatus;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.model.SplitDefinition;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/errors.camel.yaml}, the error handling of the drop folder, on the inbox route it
 * applies to: the route is advised (AdviceWith) to fail where a real failure would, and the file
 * ends as the route configuration says: a broken input in {@code .error/} with its reason, an
 * unexpected failure with its partial outputs dropped and the input left in the inbox.
 */
class ErrorsRoutesTest extends RouteFilesTestSupport {

    private static final String FILE = "artists.txt";

    @Override
    List<String> routeFiles() {
        return List.of("errors.camel.yaml", "inbox.camel.yaml", "enrich.camel.yaml", "token.camel.yaml");
    }

    @Override
    void properties(Properties properties) {
        // each file is tried once (as with --once): a failed one is not taken again at the next poll
        properties.setProperty("enricher.inbox.once", "true");
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true); // the context starts once the test has advised the route
    }

    private NotifyBuilder fileDone() {
        return new NotifyBuilder(context).fromRoute("inbox").filter(header(Exchange.FILE_NAME).isEqualTo(FILE)).whenDone(1).create();
    }

    private int exitCode() {
        return context.getRegistry().lookupByNameAndType("runStatus", RunStatus.class).exitCode();
    }

    @Test
    void anInputThatCannotBeReadGoesToErrorWithItsReason() throws Exception {
        // where a broken input shows: reading the file, once it has been opened, before its batches
        AdviceWith.adviceWith(context, "inbox", route -> route.weaveByType(SplitDefinition.class).before()
                .throwException(new InputFileException("not a text file (binary content)")));
        context.start();
        NotifyBuilder done = fileDone();

        app.drop(FILE, emulator().catalog().ids().subList(0, 10));

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(app.inbox.resolve(".error/" + FILE)).exists();
        assertThat(app.inbox.resolve(FILE)).doesNotExist();
        JsonNode error = new ObjectMapper().readTree(app.out("artists.error.json").toFile());
        assertThat(error.path("source").asText()).isEqualTo(FILE);
        assertThat(error.path("reason").asText()).isEqualTo("not a text file (binary content)");
        assertThat(app.out("artists.jsonl")).doesNotExist();
        assertThat(app.out("artists.summary.json")).doesNotExist();
        assertThat(exitCode()).isEqualTo(RunStatus.EXIT_FAILED);
        assertThat(emulator().stats().apiCalls()).isZero();
    }

    @Test
    void anUnexpectedFailureDropsThePartialOutputsAndLeavesTheInputInTheInbox() throws Exception {
        // every batch enriched and written (under temporary names), then a failure before completion
        AdviceWith.adviceWith(context, "inbox", route -> route.weaveByType(SplitDefinition.class).after()
                .throwException(new IllegalStateException("the outbox disk is full")));
        context.start();
        NotifyBuilder done = fileDone();

        app.drop(FILE, emulator().catalog().ids().subList(0, 120));

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(app.inbox.resolve(FILE)).as("left to be redone").exists();
        assertThat(app.inbox.resolve(".done")).doesNotExist();
        assertThat(app.inbox.resolve(".error")).doesNotExist();
        try (var outbox = Files.list(app.outbox)) {
            assertThat(outbox).as("no output, final or temporary").isEmpty();
        }
        assertThat(exitCode()).isEqualTo(RunStatus.EXIT_FAILED);
        assertThat(emulator().stats().batchCalls()).as("the file was enriched before the failure").isEqualTo(3);
    }
}
