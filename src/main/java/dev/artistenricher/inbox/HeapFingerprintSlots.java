package dev.artistenricher.inbox;

/**
 * Slots in one primitive array on the Java heap: fastest, for the tables of ordinary inputs. The
 * two halves of a fingerprint sit side by side, so a probe touches one cache line, not two.
 */
final class HeapFingerprintSlots implements FingerprintSlots {

    private final long[] halves;

    HeapFingerprintSlots(int capacity) {
        halves = new long[2 * capacity];
    }

    @Override
    public int capacity() {
        return halves.length / 2;
    }

    @Override
    public long high(int slot) {
        return halves[2 * slot];
    }

    @Override
    public long low(int slot) {
        return halves[2 * slot + 1];
    }

    @Override
    public void put(int slot, long high, long low) {
        halves[2 * slot] = high;
        halves[2 * slot + 1] = low;
    }
}
