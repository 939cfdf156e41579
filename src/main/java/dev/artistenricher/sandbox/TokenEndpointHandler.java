package dev.artistenricher.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/token} with the client-credentials grant, answering like Spotify's accounts
 * service (OAuth-style error bodies, not the Web API's).
 */
final class TokenEndpointHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpointHandler.class);
    private static final String FORM = "application/x-www-form-urlencoded";

    private final TokenStore tokens;
    private final EmulatorControls controls;
    private final EmulatorStats stats;

    TokenEndpointHandler(TokenStore tokens, EmulatorControls controls, EmulatorStats stats) {
        this.tokens = tokens;
        this.controls = controls;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        stats.tokenRequest();
        try {
            serve(exchange);
        } catch (IOException e) {
            exchange.close();
        } catch (RuntimeException e) {
            LOG.warn("emulator token endpoint failed", e);
            Exchanges.drop(exchange);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.readBody(exchange);
        if (!Exchanges.pause(controls.latencyNanos()) || controls.tokenEndpointDropConnections()) {
            Exchanges.drop(exchange);
            return;
        }
        // the context also catches /api/tokenXYZ
        if (!"/api/token".equals(exchange.getRequestURI().getRawPath())) {
            answer(exchange, 404, SpotifyErrors.oauth("not_found"));
            return;
        }
        int forced = controls.tokenEndpointStatus();
        if (forced != 0) {
            answer(exchange, forced, SpotifyErrors.oauth(forced >= 500 ? "server_error" : "invalid_request"));
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            answer(exchange, 405, SpotifyErrors.oauth("method_not_allowed"));
            return;
        }
        Map<String, String> form = isForm(exchange.getRequestHeaders().getFirst("Content-Type"))
                ? FormData.parse(new String(body, StandardCharsets.UTF_8))
                : Map.of(); // Spotify does not read other body types, so the grant type is simply "missing"
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            answer(exchange, 400, SpotifyErrors.oauth("unsupported_grant_type", "grant_type parameter is missing"));
            return;
        }
        if (!grantType.equals("client_credentials")) {
            answer(exchange, 400, SpotifyErrors.oauth("unsupported_grant_type",
                    "grant_type must be client_credentials, authorization_code or refresh_token"));
            return;
        }
        byte[] credentialError = checkCredentials(exchange.getRequestHeaders().getFirst("Authorization"), form);
        if (credentialError != null) {
            answer(exchange, 400, credentialError);
            return;
        }
        issue(exchange, ClientCredentials.from(exchange.getRequestHeaders().getFirst("Authorization"), form).orElseThrow().clientId());
    }

    /** @return null if the client is the configured one, else the {@code invalid_client} body */
    private byte[] checkCredentials(String authorization, Map<String, String> form) {
        Optional<ClientCredentials> presented = ClientCredentials.from(authorization, form);
        if (presented.isEmpty()) {
            return SpotifyErrors.oauth("invalid_client");
        }
        ClientCredentials expected = controls.credentialsOf(presented.get().clientId());
        if (expected == null) {
            return SpotifyErrors.oauth("invalid_client", "Invalid client");
        }
        if (!expected.clientSecret().equals(presented.get().clientSecret())) {
            return SpotifyErrors.oauth("invalid_client", "Invalid client secret");
        }
        return null;
    }

    private void issue(HttpExchange exchange, String clientId) throws IOException {
        long lifetimeNanos = controls.tokenLifetime().toNanos();
        String token = tokens.issue(lifetimeNanos, clientId);
        stats.tokenIssued(clientId);
        String json = "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + (lifetimeNanos / NanoClock.NANOS_PER_SECOND) + "}";
        answer(exchange, 200, json.getBytes(StandardCharsets.UTF_8));
    }

    private void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (status >= 400 && status < 500) {
            stats.tokenRejected();
        }
        Exchanges.send(exchange, status, body);
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM);
    }
}
