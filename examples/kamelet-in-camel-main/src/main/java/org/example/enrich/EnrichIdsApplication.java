package org.example.enrich;

import org.apache.camel.main.Main;

/** Camel Main with this application's application.properties and routes; nothing of artist-enricher's but the Kamelet. */
public final class EnrichIdsApplication {

    private EnrichIdsApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(EnrichIdsApplication.class);
        System.exit(main.run(args));
    }
}
