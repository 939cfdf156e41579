package dev.artistenricher.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistinctIdsTest {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Twice the initial table: one grow on the heap, then the table leaves it at 6,145 IDs. */
    private static final int TINY_HEAP = 1 << 13;

    @TempDir
    Path dir;

    @Test
    void agreesWithAHashSetOverManyIdsWithRepeats() {
        assertAgreesWithAHashSet(new DistinctIds(dir.resolve("tmp")), 60_000, 200_000);
    }

    @Test
    void agreesWithAHashSetAcrossTheSpillAndSeveralGrowsOffTheHeap() {
        // 45,000 distinct IDs: heap 4,096 -> 8,192 slots, then mapped 16,384 -> 32,768 -> 65,536
        DistinctIds ids = new DistinctIds(dir.resolve("tmp"), TINY_HEAP);
        assertAgreesWithAHashSet(ids, 45_000, 150_000);
        assertThat(dir.resolve("tmp")).isDirectory();
    }

    @Test
    void theSpillFileIsDeletedAsSoonAsItIsMapped() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux only: elsewhere the file goes at exit");
        Path spill = dir.resolve("tmp");
        DistinctIds ids = new DistinctIds(spill, TINY_HEAP);
        String[] pool = randomIds(new Random(11), 7_000);
        for (int i = 0; i < 6_144; i++) {
            ids.add(pool[i]);
        }
        assertThat(spill).as("not created while the table is on the heap").doesNotExist();

        for (int i = 6_144; i < pool.length; i++) {
            ids.add(pool[i]);
        }
        try (Stream<Path> files = Files.list(spill)) {
            assertThat(files).isEmpty();
        }
        List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
        assertThat(maps).anyMatch(line -> line.contains(spill.toString()) && line.endsWith("(deleted)"));
        assertThat(ids.size()).isEqualTo(pool.length);
    }

    @Test
    void closeLetsGoOfTheTableKeepsTheSizeAndIsSafeTwice() {
        DistinctIds ids = new DistinctIds(dir.resolve("tmp"), TINY_HEAP);
        for (String id : randomIds(new Random(13), 10_000)) {
            ids.add(id);
        }
        ids.close();
        ids.close();
        assertThat(ids.size()).isEqualTo(10_000);
        assertThatThrownBy(() -> ids.add("0TnOYISbd1XYRBk9myaseg")).isInstanceOf(IllegalStateException.class);
    }

    private static void assertAgreesWithAHashSet(DistinctIds ids, int distinct, int adds) {
        Random random = new Random(7);
        Set<String> reference = new HashSet<>();
        String[] pool = randomIds(random, distinct);
        for (int i = 0; i < adds; i++) {
            String id = pool[random.nextInt(pool.length)];
            assertThat(ids.add(id)).isEqualTo(reference.add(id));
        }
        assertThat(ids.size()).isEqualTo(reference.size());
    }

    private static String[] randomIds(Random random, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder id = new StringBuilder(22);
            for (int c = 0; c < 22; c++) {
                id.append(ALPHABET.charAt(random.nextInt(62)));
            }
            ids[i] = id.toString();
        }
        return ids;
    }

    @Test
    void theHeapShareIsAnEighthOfTheHeapInWholeTablesWithinBounds() {
        assertThat(DistinctIds.heapShare((128L << 20) / 8)).isEqualTo(1 << 20); // -Xmx128m: 16 MB
        assertThat(DistinctIds.heapShare((100L << 20) / 8)).isEqualTo(1 << 19); // rounds down to a power of two
        assertThat(DistinctIds.heapShare(1024)).isEqualTo(1 << 16);
        assertThat(DistinctIds.heapShare(64L << 30)).isEqualTo(1 << 26);
    }

    @Test
    void containsAnswersWithoutAdding(@org.junit.jupiter.api.io.TempDir java.nio.file.Path spill) {
        DistinctIds ids = new DistinctIds(spill, 1 << 16);
        for (int i = 0; i < 10_000; i++) {
            ids.add("id-" + i);
        }
        assertThat(ids.contains("id-0")).isTrue();
        assertThat(ids.contains("id-9999")).isTrue();
        assertThat(ids.contains("id-10000")).isFalse();
        assertThat(ids.size()).isEqualTo(10_000);
        ids.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ids.contains("id-0")).isInstanceOf(IllegalStateException.class);
    }
}
