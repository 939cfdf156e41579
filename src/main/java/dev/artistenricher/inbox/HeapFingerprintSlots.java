package dev.artistenricher.inbox;

/** Slots in two primitive arrays on the Java heap: fastest, for the tables of ordinary inputs. */
final class HeapFingerprintSlots implements FingerprintSlots {

    private final long[] high;
    private final long[] low;

    HeapFingerprintSlots(int capacity) {
        high = new long[capacity];
        low = new long[capacity];
    }

    @Override
    public int capacity() {
        return low.length;
    }

    @Override
    public long high(int slot) {
        return high[slot];
    }

    @Override
    public long low(int slot) {
        return low[slot];
    }

    @Override
    public void put(int slot, long high, long low) {
        this.high[slot] = high;
        this.low[slot] = low;
    }
}
