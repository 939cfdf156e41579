package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The token endpoint down for a while: API calls wait, requests back off, and nothing is lost. */
class TokenEndpointFaultsTest extends EmulatorTest {

    @Test
    void anOutageOfTheTokenEndpointDelaysTheWorkButLosesNothing() throws IOException {
        emulator.controls().tokenEndpointStatus(503);
        List<String> input = emulator.catalog().ids().subList(0, 100);
        app.drop("wait.txt", input);

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(app::runOnce);
        await().atMost(Duration.ofSeconds(20)).until(() -> emulator.stats().tokenRequests() >= 3);
        long requestsDuringOutage = emulator.stats().tokenRequests();
        assertThat(emulator.stats().apiCalls()).isZero();
        emulator.controls().tokenEndpointStatus(0);

        assertThat(run.join()).isZero();
        assertThat(app.lines("wait.jsonl")).containsExactlyElementsOf(artistLines(input));
        // backed off: a handful of requests over the outage, not one per API call or per millisecond
        assertThat(requestsDuringOutage).isLessThan(10);
        assertThat(emulator.stats().tokensIssued()).isEqualTo(1);
    }
}
