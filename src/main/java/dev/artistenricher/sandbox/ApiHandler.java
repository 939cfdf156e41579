package dev.artistenricher.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@code /v1/**} in Spotify's order: latency, authentication, throttling (quota, rate
 * limit, injected 429s), injected faults, and only then the request itself.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final EmulatorControls controls;
    private final EmulatorStats stats;
    private final BearerAuthenticator authenticator;
    private final ThrottleGate throttle;
    private final FaultInjector faults;
    private final ArtistsResource artists;
    private final SearchResource search;

    ApiHandler(Catalog catalog, TokenStore tokens, EmulatorControls controls, EmulatorStats stats) {
        this.controls = controls;
        this.stats = stats;
        this.authenticator = new BearerAuthenticator(tokens, stats);
        this.throttle = new ThrottleGate(controls, stats);
        this.faults = new FaultInjector(controls, throttle);
        this.artists = new ArtistsResource(catalog, controls, stats);
        this.search = new SearchResource(catalog, controls, stats);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrival = NanoClock.now();
        stats.apiCallStarted(arrival);
        try {
            serve(exchange);
        } catch (IOException e) {
            exchange.close(); // client went away mid-answer: nothing left to tell it
        } catch (RuntimeException e) {
            LOG.warn("emulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            Exchanges.drop(exchange);
        } finally {
            stats.apiCallFinished();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        Exchanges.drainBody(exchange);
        if (!Exchanges.pause(controls.latencyNanos())) {
            Exchanges.drop(exchange); // interrupted: the emulator is shutting down
            return;
        }
        ApiRoute route = ApiRoute.of(exchange.getRequestMethod(), exchange.getRequestURI());
        countRoute(route);

        Headers request = exchange.getRequestHeaders();
        ApiRejection rejection = authenticator.check(request.getFirst("Authorization"), NanoClock.now());
        if (rejection == null) {
            rejection = throttle.check(NanoClock.now());
        }
        if (rejection == null) {
            FaultInjector.Fault fault = faults.decide(NanoClock.now());
            if (fault.kind() == FaultInjector.Kind.DROP) {
                stats.connectionDropped();
                Exchanges.drop(exchange);
                return;
            }
            rejection = fault.rejection();
        }
        if (rejection != null) {
            reject(exchange, rejection);
            return;
        }

        ArtistsResource.Answer answer;
        switch (route.kind()) {
            case BATCH:
                answer = artists.batch(route.ids(), request.getFirst("If-None-Match"));
                break;
            case SINGLE:
                answer = artists.single(route.id(), request.getFirst("If-None-Match"));
                break;
            case SEARCH:
                answer = search.search(route.query());
                break;
            default:
                answer = artists.unsupported(route.kind());
        }
        respond(exchange, answer);
    }

    private void countRoute(ApiRoute route) {
        if (route.kind() == ApiRoute.Kind.BATCH) {
            stats.batchCall(route.idsAsked());
        } else if (route.kind() == ApiRoute.Kind.SINGLE) {
            stats.singleCall();
        } else if (route.kind() == ApiRoute.Kind.SEARCH) {
            stats.searchCall();
        }
    }

    private void reject(HttpExchange exchange, ApiRejection rejection) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (rejection.retryAfterSeconds() > 0) {
            headers.set("Retry-After", Long.toString(rejection.retryAfterSeconds()));
        }
        if (rejection.wwwAuthenticate() != null) {
            headers.set("WWW-Authenticate", rejection.wwwAuthenticate());
        }
        stats.status(rejection.status());
        Exchanges.send(exchange, rejection.status(), rejection.body());
    }

    private void respond(HttpExchange exchange, ArtistsResource.Answer answer) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (answer.etag() != null) {
            headers.set("ETag", answer.etag());
            // must revalidate: lets clients use the ETag (If-None-Match -> 304) without serving stale data
            headers.set("Cache-Control", "private, max-age=0");
        }
        if (answer.status() == 405) {
            headers.set("Allow", "GET");
        }
        stats.status(answer.status());
        Exchanges.send(exchange, answer.status(), answer.body());
    }
}
