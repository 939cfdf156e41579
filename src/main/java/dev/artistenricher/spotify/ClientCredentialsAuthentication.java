package dev.artistenricher.spotify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * Adds {@code Authorization: Basic <client id:secret>} to the token request (RFC 6749 §4.4) inside
 * camel-http's client, so the credentials are never a message header that a tracer or an error log
 * could print. Used by the {@code spotify-token} route's endpoint ({@code httpClientConfigurer}).
 */
public final class ClientCredentialsAuthentication implements HttpClientConfigurer {

    private final String basicCredentials;

    public ClientCredentialsAuthentication(String clientId, String clientSecret) {
        this.basicCredentials = "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addRequestInterceptorLast((request, entity, context) -> request.setHeader(HttpHeaders.AUTHORIZATION, basicCredentials));
    }

    @Override
    public String toString() {
        return "ClientCredentialsAuthentication[****]";
    }
}
