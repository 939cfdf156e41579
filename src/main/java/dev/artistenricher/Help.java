package dev.artistenricher;

/** The text of {@code --help}: options and configuration keys (SPEC.md). */
final class Help {

    static final String TEXT = """
            artist-enricher: enriches Spotify artist IDs from a drop folder through the Spotify Web API.

            Usage: java -jar target/artist-enricher.jar [option]
              (no option)        daemon: watch the inbox until stopped (SIGTERM finishes in-flight work)
              --once             process what is in the inbox, then exit (0 done, 1 a file failed, 75 rate-limit parked)
              --snapshot         re-enrich every watch list now into dated snapshots, then exit (0 done, 1 failed, 75 parked)
              --sandbox          try it with no Spotify account: embedded emulator, bundled sample list
              --emulator [--port N] [--dev-mode] [--latency-ms N] [--synthetic] [--token-lifetime-s N] [--rate-limit N [--retry-after-s N]]
                                 serve the Spotify API emulator alone (for your own tests)
              --help             this text

            Configuration keys (application.properties < -Dkey=value < environment KEY_IN_CAPS):
              spotify.client-id             app client ID (required outside --sandbox)         SPOTIFY_CLIENT_ID
              spotify.client-secret         app client secret (never logged)                   SPOTIFY_CLIENT_SECRET
              spotify.client-secret-file    file holding the secret (container secrets)        SPOTIFY_CLIENT_SECRET_FILE
              spotify.token-url             default https://accounts.spotify.com/api/token
              spotify.api-url               default https://api.spotify.com/v1
              enricher.inbox                drop folder, default data/inbox
              enricher.outbox               output folder, default data/outbox
              enricher.batch-size           IDs per API call, 1..50, default 50 (1 = GET /artists/{id})
              enricher.concurrency          API calls in flight at once, default 4
              enricher.max-inline-wait      longest Retry-After waited out in place, default 60s
              enricher.retry.give-up-after  how long a failing call is retried, default 15m
              enricher.store                persistent artist store, default data/store
              enricher.cache.ttl            how long a fetched artist is reused, default 24h
              enricher.cache.not-found-ttl  how long Spotify's "no such artist" is reused, default 24h
              enricher.search.limit         results asked of each search for a name:<artist name>, 1..10, default 5
              camel.component.https.*       the HTTP client of every Spotify call (camel-http): pool, timeouts,
                                            proxy-host / proxy-port / non-proxy-hosts / proxy-auth-*, TLS via camel.ssl.*
                                            (camel.component.http.* for http URLs)
              enricher.cache.max-size-mb    memory for the store's block cache, default 16
              enricher.schedule.cron        Quartz cron of the watch-list rounds, e.g. '0 0 3 * * ?' (unset: no schedule)
              enricher.schedule.lists       folder of watch lists, default data/watchlists
              enricher.schedule.keep        snapshots kept per list, default 30
              enricher.input-uri            queue mode: any Camel endpoint to read IDs from (jms:queue:..., kafka:...)
              enricher.output-uri           queue mode: where each enriched artist goes, one message each
              enricher.rejects-uri          queue mode: where each reject goes (unset: rejects are logged)
              enricher.queue.batch-timeout  queue mode: a batch of messages leaves at batch-size IDs or after this, default 100ms
              enricher.queue.api-error      queue mode: Spotify failing past give-up-after: redeliver or reject, default redeliver
              enricher.broker / enricher.broker-url   JMS: embedded Artemis (default) or tcp://host:61616
              enricher.kafka.brokers        Kafka: bootstrap servers (host:9092,...)
              enricher.http.enabled         POST /enrich and /openapi.json on camel.server.*, default false
              camel.server.host             where POST /enrich listens, default 127.0.0.1
              camel.server.port             its port, default 8080 (never camel.management.port)
              enricher.http.api-key         key required in the X-API-Key header (required off loopback)  ENRICHER_HTTP_API_KEY
              enricher.http.api-key-file    file holding the key instead (keeps it out of Camel's debug logs)
              enricher.http.max-ids         IDs per request, default 1000 (more: 413)
              enricher.http.max-in-flight   requests enriched at once, default 8 (one more: 429)

            Exit codes: 0 ok, 1 a file failed or credentials were rejected, 2 bad configuration, 75 parked by a rate limit.
            """;

    private Help() {
    }
}
