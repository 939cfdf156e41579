package dev.artistenricher.embed;

import dev.artistenricher.enrich.ArtistStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The artist stores of the Kamelet instances in this JVM, one per folder. A store folder can be
 * opened once per process (RocksDB locks it), and artists are public data, the same whoever asked:
 * instances with other credentials but the same {@code store} share one store, opened by the
 * first and closed with the last. (The first one's {@code cacheTtl} holds for all of them.)
 */
final class SharedStores {

    private static final int CACHE_MEGABYTES = 16;

    private record Shared(ArtistStore store, int users) {
    }

    private static final Map<Path, Shared> OPEN = new HashMap<>();

    private SharedStores() {
    }

    static synchronized ArtistStore open(Path folder, Duration ttl, Clock clock) {
        Path key = folder.toAbsolutePath().normalize();
        Shared shared = OPEN.get(key);
        if (shared == null) {
            ArtistStore store = new ArtistStore(key, ttl, ttl, CACHE_MEGABYTES, clock);
            ServiceHelper.startService(store);
            shared = new Shared(store, 0);
        }
        OPEN.put(key, new Shared(shared.store(), shared.users() + 1));
        return shared.store();
    }

    static synchronized void release(ArtistStore store) {
        for (Map.Entry<Path, Shared> entry : OPEN.entrySet()) {
            Shared shared = entry.getValue();
            if (shared.store() == store) {
                if (shared.users() == 1) {
                    OPEN.remove(entry.getKey());
                    ServiceHelper.stopService(store);
                } else {
                    entry.setValue(new Shared(store, shared.users() - 1));
                }
                return;
            }
        }
    }
}
