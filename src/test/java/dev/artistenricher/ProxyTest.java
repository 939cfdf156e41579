package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artistenricher.support.EmulatorTest;
import dev.artistenricher.support.ForwardingProxy;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behind a corporate proxy: the Spotify calls are camel-http endpoints, so the proxy is set the way
 * every Camel HTTP call's is, by component options (camel.component.http.proxy-host / proxy-port),
 * or by the JVM's http.proxyHost / http.proxyPort with use-system-properties.
 */
class ProxyTest extends EmulatorTest {

    @Test
    void everySpotifyCallGoesThroughTheProxyOfTheComponentOptions() throws IOException {
        try (ForwardingProxy proxy = ForwardingProxy.start()) {
            app.with("camel.component.http.proxy-host", "127.0.0.1")
                    .with("camel.component.http.proxy-port", Integer.toString(proxy.port()));
            List<String> input = catalogIds().subList(0, 120);
            app.drop("behind-proxy.txt", input);

            assertThat(app.runOnce()).isZero();

            assertThat(app.lines("behind-proxy.jsonl")).containsExactlyElementsOf(artistLines(input));
            assertEveryCallWentThrough(proxy);
            // what the client sets itself (HttpClient 5 offers "Upgrade: TLS/1.2" on plain http),
            // nothing from the messages (CamelFile*, Camel*, ...)
            assertThat(proxy.headerNames()).isSubsetOf("host", "authorization", "user-agent", "accept-encoding",
                    "connection", "proxy-connection", "upgrade", "content-type", "content-length");
        }
    }

    @Test
    void theJvmProxyPropertiesWorkWithUseSystemProperties() throws IOException {
        try (ForwardingProxy proxy = ForwardingProxy.start()) {
            String[] keys = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
            String[] before = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                before[i] = System.getProperty(keys[i]);
            }
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", Integer.toString(proxy.port()));
            // the JVM leaves loopback addresses out unless the property is set, even to nothing
            System.setProperty("http.nonProxyHosts", "");
            try {
                app.with("camel.component.http.use-system-properties", "true");
                List<String> input = catalogIds().subList(0, 60);
                app.drop("jvm-proxy.txt", input);

                assertThat(app.runOnce()).isZero();

                assertThat(app.lines("jvm-proxy.jsonl")).containsExactlyElementsOf(artistLines(input));
                assertEveryCallWentThrough(proxy);
            } finally {
                for (int i = 0; i < keys.length; i++) {
                    if (before[i] == null) {
                        System.clearProperty(keys[i]);
                    } else {
                        System.setProperty(keys[i], before[i]);
                    }
                }
            }
        }
    }

    private static void assertEveryCallWentThrough(ForwardingProxy proxy) {
        List<String> forwarded = proxy.forwarded();
        long tokenCalls = forwarded.stream().filter(line -> line.startsWith("POST " + emulator.tokenUrl())).count();
        long apiCalls = forwarded.stream().filter(line -> line.startsWith("GET " + emulator.apiUrl() + "/artists")).count();
        assertThat(emulator.stats().apiCalls()).isPositive();
        assertThat(apiCalls).as("API calls through the proxy").isEqualTo(emulator.stats().apiCalls());
        assertThat(tokenCalls).as("token requests through the proxy").isEqualTo(emulator.stats().tokenRequests()).isPositive();
        assertThat(forwarded).hasSize((int) (apiCalls + tokenCalls));
    }
}
