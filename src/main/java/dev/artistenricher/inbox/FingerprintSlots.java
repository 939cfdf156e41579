package dev.artistenricher.inbox;

/**
 * The slots of {@link DistinctIds}' open-addressing table: one 128-bit fingerprint per slot, in
 * two halves. A slot whose low half is 0 is empty (the set never stores a low half of 0).
 */
interface FingerprintSlots {

    /** Bytes one slot stands for, whatever holds it. */
    int SLOT_BYTES = 16;

    /** Number of slots, a power of two. */
    int capacity();

    long high(int slot);

    long low(int slot);

    void put(int slot, long high, long low);
}
