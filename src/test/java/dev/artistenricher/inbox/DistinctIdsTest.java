package dev.artistenricher.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistinctIdsTest {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void agreesWithAHashSetOverManyIdsWithRepeats() {
        Random random = new Random(7);
        DistinctIds ids = new DistinctIds();
        Set<String> reference = new HashSet<>();
        String[] pool = new String[60_000];
        for (int i = 0; i < pool.length; i++) {
            StringBuilder id = new StringBuilder(22);
            for (int c = 0; c < 22; c++) {
                id.append(ALPHABET.charAt(random.nextInt(62)));
            }
            pool[i] = id.toString();
        }
        for (int i = 0; i < 200_000; i++) {
            String id = pool[random.nextInt(pool.length)];
            assertThat(ids.add(id)).isEqualTo(reference.add(id));
        }
        assertThat(ids.size()).isEqualTo(reference.size());
    }
}
