package dev.artistenricher.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.spotify.AccessTokenProvider;
import dev.artistenricher.spotify.ClientCredentialsAuthentication;
import dev.artistenricher.spotify.SpotifyHeaderFilter;
import dev.artistenricher.spotify.TokenRoute;
import dev.artistenricher.support.EmulatorExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code routes/token.camel.yaml} on its own, with Camel's test kit: the route file as the app
 * loads it, the beans it names, the emulator's token endpoint. The Quartz route renews a token
 * that is due; the request route asks with the client's Basic credentials.
 */
class TokenRoutesTest extends CamelTestSupport {

    @RegisterExtension
    static final EmulatorExtension SPOTIFY = new EmulatorExtension();

    private AccessTokenProvider tokens;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.setProperty("spotify.token-url", SPOTIFY.emulator().tokenUrl());
        properties.setProperty("enricher.token.check-interval", "100");
        return properties;
    }

    @Override
    protected void doPreSetup() {
        SPOTIFY.emulator().controls().reset();
        SPOTIFY.emulator().controls().tokenLifetime(Duration.ofSeconds(2));
        SPOTIFY.emulator().stats().reset();
    }

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        // what EnricherConfiguration binds for these routes
        registry.bind("spotifyClientCredentials",
                new ClientCredentialsAuthentication(SpotifyEmulator.DEMO_CLIENT_ID, SpotifyEmulator.DEMO_CLIENT_SECRET));
        registry.bind("spotifyHeaders", new SpotifyHeaderFilter());
        tokens = new AccessTokenProvider(new TokenRoute(context.createProducerTemplate(), Clock.systemUTC()), Clock.systemUTC());
        registry.bind("accessTokens", tokens);
    }

    @Override
    protected void doPostSetup() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:routes/token.camel.yaml"));
    }

    @Test
    void theQuartzRouteObtainsATokenAndRenewsItBeforeItExpires() throws Exception {
        // a 2 s token is due after 1.6-1.8 s: the trigger (every 100 ms) renews it then, not every time
        NotifyBuilder renewed = new NotifyBuilder(context).fromRoute("spotify-token").whenCompleted(2).create();
        assertThat(renewed.matches(10, TimeUnit.SECONDS)).isTrue();

        assertThat(tokens.hasUsableToken()).isTrue();
        assertThat(tokens.renewals()).isGreaterThanOrEqualTo(2);
        assertThat(SPOTIFY.emulator().stats().tokensIssuedTo(SpotifyEmulator.DEMO_CLIENT_ID)).isBetween(2L, 3L);
        assertThat(SPOTIFY.emulator().stats().tokenRejections()).isZero();
    }
}
