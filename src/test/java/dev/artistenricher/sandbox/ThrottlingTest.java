package dev.artistenricher.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottlingTest extends EmulatorTestBase {

    @Test
    void injected429CarriesRetryAfterAndCountsImpatientCalls() {
        emulator.controls().tooManyRequestsNext(1, 3);

        HttpResponse<String> limited = client.artist(token, RADIOHEAD);
        HttpResponse<String> impatient = client.artist(token, RADIOHEAD);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(limited.body()).isEqualTo("{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}");
        assertThat(impatient.statusCode()).isEqualTo(200); // only one 429 was injected...
        assertThat(emulator.stats().callsDuringRetryAfter()).isEqualTo(1); // ...but the client did not wait
        assertThat(emulator.stats().callsWithStatus(429)).isEqualTo(1);
    }

    @Test
    void rollingWindowLimitAnnouncesWaitAndPenalizesCallsDuringIt() {
        emulator.controls().rateLimit(2, Duration.ofSeconds(2));

        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(200);
        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = client.artist(token, RADIOHEAD);
        HttpResponse<String> penalized = client.artist(token, RADIOHEAD);

        assertThat(limited.statusCode()).isEqualTo(429);
        long firstWait = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(firstWait).isBetween(1L, 2L);
        assertThat(penalized.statusCode()).isEqualTo(429);
        long grownWait = Long.parseLong(penalized.headers().firstValue("Retry-After").orElseThrow());
        assertThat(grownWait).isGreaterThan(firstWait - 1).isGreaterThanOrEqualTo(2L);
        assertThat(emulator.stats().callsDuringRetryAfter()).isEqualTo(1);
    }

    @Test
    void aFixedRetryAfterSaysNothingAboutTheWindowWhichStaysFull() {
        emulator.controls().rateLimit(2, Duration.ofSeconds(30), Duration.ofSeconds(1));

        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(200);
        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = client.artist(token, RADIOHEAD);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");

        // after the announced second the window is still full: refused again, not penalized
        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(5))
                .until(() -> client.artist(token, RADIOHEAD).statusCode() == 429);
        assertThat(emulator.stats().callsDuringRetryAfter()).isZero();
    }

    @Test
    void quotaExhaustionAnswersQuotaExceededUntilReplenished() {
        emulator.controls().quota(3, Duration.ofSeconds(1));
        String other = emulator.catalog().ids().get(1);

        HttpResponse<String> allowed = client.artists(token, RADIOHEAD, other, UNKNOWN, RADIOHEAD);
        HttpResponse<String> exhausted = client.artist(token, RADIOHEAD);

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(exhausted.statusCode()).isEqualTo(429);
        assertThat(exhausted.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(exhausted.body()).isEqualTo(
                "{\"error\":{\"status\":429,\"message\":\"Too many requests\",\"reason\":\"QUOTA_EXCEEDED\"}}");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.artist(token, RADIOHEAD).statusCode() == 200);
        assertThat(emulator.stats().idsServed()).isEqualTo(4);
    }

    @Test
    void resetTurnsThrottlingOff() {
        emulator.controls().rateLimit(1, Duration.ofSeconds(30));
        emulator.controls().quota(0, Duration.ofSeconds(30));
        emulator.controls().reset();

        for (int i = 0; i < 5; i++) {
            assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(200);
        }
    }
}
