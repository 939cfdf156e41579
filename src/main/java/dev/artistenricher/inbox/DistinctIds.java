package dev.artistenricher.inbox;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The set of artist IDs already seen in one input, kept small: each ID is held as a 128-bit
 * fingerprint in an open-addressing table, 21 to 43 bytes per ID instead of the ~150 a
 * {@code HashSet<String>} needs. With 128 bits, a false "seen before" among ten million IDs has a
 * probability around 10^-25.
 *
 * <p>The table starts on the heap. Past {@code maxHeapSlots} it moves to a memory-mapped temporary
 * file in the spill directory ({@link MappedFingerprintSlots}), so the heap stays flat whatever the
 * number of distinct IDs in a file: 8 million IDs need a 256 MB table, more than a small heap holds.
 * {@link #close()} lets go of the table.
 */
public final class DistinctIds implements Closeable {

    /**
     * The largest table kept on the heap by default: an eighth of the maximum heap, so a small
     * container's heap stays flat (2^20 slots = 16 MB, about 786,000 distinct IDs, under
     * {@code -Xmx128m}) while a large heap keeps big files on the faster on-heap table.
     */
    public static final int DEFAULT_MAX_HEAP_SLOTS = heapShare(Runtime.getRuntime().maxMemory() / 8);

    private static final Logger LOG = LoggerFactory.getLogger(DistinctIds.class);
    /** Linear probing stays short up to 3/4 full with well-mixed 64-bit hashes. */
    private static final double MAX_LOAD = 0.75;
    private static final int INITIAL_SLOTS = 1 << 12;
    /**
     * Slot numbers are ints, so the table stops at 2^30 slots: a 16 GiB file holding about 805
     * million distinct IDs, far beyond any input we expect (10 million lines need 2^24 slots).
     */
    private static final int MAX_SLOTS = 1 << 30;

    private final Path spillDirectory;
    private final int maxHeapSlots;
    private FingerprintSlots slots = new HeapFingerprintSlots(INITIAL_SLOTS);
    private int size;

    /** A set whose table leaves the heap past {@link #DEFAULT_MAX_HEAP_SLOTS}. */
    public DistinctIds(Path spillDirectory) {
        this(spillDirectory, DEFAULT_MAX_HEAP_SLOTS);
    }

    /**
     * @param spillDirectory where a large table is mapped; created when first needed
     * @param maxHeapSlots   the largest table kept on the heap, in slots of 16 bytes
     */
    public DistinctIds(Path spillDirectory, int maxHeapSlots) {
        this.spillDirectory = spillDirectory;
        this.maxHeapSlots = maxHeapSlots;
    }

    /**
     * Adds the ID; true when it was not there before.
     *
     * @throws UncheckedIOException  when the table must move to, or grow in, a spill file that cannot be written
     * @throws IllegalStateException after {@link #close()}
     */
    public boolean add(String id) {
        long h = high(id);
        long l = low(id);
        // one read of the field: a close() from another thread (an abandoned file) cannot pull the
        // table out from under this add; the add after it fails cleanly instead
        FingerprintSlots table = slots;
        if (table == null) {
            throw new IllegalStateException("the set of distinct IDs is closed");
        }
        if (size + 1 > table.capacity() * MAX_LOAD) {
            table = grow(table);
        }
        if (place(table, h, l)) {
            size++;
            return true;
        }
        return false;
    }

    /**
     * Whether the ID was added before. Safe beside other readers; not beside an {@link #add} from
     * another thread.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public boolean contains(String id) {
        FingerprintSlots table = slots;
        if (table == null) {
            throw new IllegalStateException("the set of distinct IDs is closed");
        }
        return table.low(probe(table, high(id), low(id))) != 0;
    }

    /** The largest power-of-two number of 16-byte slots within {@code bytes}, between 2^16 and 2^26. */
    static int heapShare(long bytes) {
        long slots = Long.highestOneBit(Math.max(bytes / 16, 1 << 16));
        return (int) Math.min(slots, 1 << 26);
    }

    public int size() {
        return size;
    }

    /**
     * Lets go of the table; {@link #size()} still answers. A mapped table is unmapped, and its disk
     * space freed, when the garbage collector reclaims it: Java 17 has no supported way to unmap
     * sooner, and unmapping while another thread reads would crash the JVM. Safe to call twice.
     */
    @Override
    public void close() {
        slots = null;
    }

    /** Puts the fingerprint in its slot or the next free one; false when it is there already. */
    private static boolean place(FingerprintSlots table, long h, long l) {
        int slot = probe(table, h, l);
        if (table.low(slot) != 0) {
            return false;
        }
        table.put(slot, h, l);
        return true;
    }

    /** The slot holding the fingerprint, or else the free slot where it belongs (linear probing). */
    private static int probe(FingerprintSlots table, long h, long l) {
        int mask = table.capacity() - 1;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        long found;
        while ((found = table.low(slot)) != 0 && !(found == l && table.high(slot) == h)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long high(String id) {
        return hash(id, 0x9E3779B97F4A7C15L);
    }

    /** Never 0: a low half of 0 marks an empty slot. */
    private static long low(String id) {
        return hash(id, 0xC2B2AE3D27D4EB4FL) | 1L;
    }

    private FingerprintSlots grow(FingerprintSlots old) {
        if (old.capacity() >= MAX_SLOTS) {
            throw new IllegalStateException("more than " + size + " distinct IDs in one input: the set of distinct IDs"
                    + " cannot grow beyond " + MAX_SLOTS + " slots");
        }
        int capacity = old.capacity() * 2;
        FingerprintSlots bigger = capacity <= maxHeapSlots ? new HeapFingerprintSlots(capacity) : mapped(capacity);
        for (int i = 0; i < old.capacity(); i++) {
            long l = old.low(i);
            if (l != 0) {
                place(bigger, old.high(i), l);
            }
        }
        slots = bigger;
        return bigger;
    }

    private FingerprintSlots mapped(int capacity) {
        long megabytes = ((long) capacity * FingerprintSlots.SLOT_BYTES) >> 20;
        LOG.info("{} distinct IDs in one input: their table grows to {} MB in a memory-mapped file in {}", size,
                megabytes, spillDirectory);
        try {
            return MappedFingerprintSlots.create(spillDirectory, capacity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map a " + megabytes + " MB table for " + size
                    + " distinct IDs in " + spillDirectory + ": " + e.getMessage(), e);
        }
    }

    /** A 64-bit string hash (FNV-1a style, finished with a murmur3 mix) under a seed. */
    private static long hash(String s, long seed) {
        long x = seed;
        for (int i = 0; i < s.length(); i++) {
            x = (x ^ s.charAt(i)) * 0x100000001B3L;
        }
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        x *= 0xC4CEB9FE1A85EC53L;
        x ^= x >>> 33;
        return x;
    }
}
