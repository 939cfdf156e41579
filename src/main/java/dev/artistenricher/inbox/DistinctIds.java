package dev.artistenricher.inbox;

/**
 * The set of artist IDs already seen in one input, kept small: each ID is held as a 128-bit
 * fingerprint in two primitive arrays (open addressing), 21 to 43 bytes per ID instead of the
 * ~150 a {@code HashSet<String>} needs. With 128 bits, a false "seen before" among ten million
 * IDs has a probability around 10^-25.
 */
public final class DistinctIds {

    /** Linear probing stays short up to 3/4 full with well-mixed 64-bit hashes. */
    private static final double MAX_LOAD = 0.75;

    private long[] high;
    private long[] low;
    private int size;
    private int mask;

    public DistinctIds() {
        allocate(1 << 12);
    }

    /** Adds the ID; true when it was not there before. */
    public boolean add(String id) {
        long h = hash(id, 0x9E3779B97F4A7C15L);
        long l = hash(id, 0xC2B2AE3D27D4EB4FL) | 1L; // never 0: 0/0 marks an empty slot
        if (size + 1 > (mask + 1) * MAX_LOAD) {
            grow();
        }
        return insert(h, l);
    }

    public int size() {
        return size;
    }

    private boolean insert(long h, long l) {
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (low[slot] != 0) {
            if (low[slot] == l && high[slot] == h) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        high[slot] = h;
        low[slot] = l;
        size++;
        return true;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        allocate(oldHigh.length * 2);
        for (int i = 0; i < oldLow.length; i++) {
            if (oldLow[i] != 0) {
                insert(oldHigh[i], oldLow[i]);
            }
        }
    }

    private void allocate(int capacity) {
        high = new long[capacity];
        low = new long[capacity];
        mask = capacity - 1;
        size = 0;
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
