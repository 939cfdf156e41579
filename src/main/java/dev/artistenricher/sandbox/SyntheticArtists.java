package dev.artistenricher.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a plausible artist for any well-formed ID that is not in the catalog.
 *
 * <p>Benchmarks need far more distinct IDs than a bundled file can hold. Everything is derived from
 * the ID alone (seeded by its hash), so the same ID always yields byte-identical JSON, on every
 * emulator instance, without keeping any state.
 */
final class SyntheticArtists {

    private static final String[] GENRES = {
        "indie rock", "indie pop", "dream pop", "shoegaze", "synthpop", "post-punk", "alternative rock",
        "art pop", "folk", "singer-songwriter", "jazz", "neo soul", "hip hop", "trip hop", "ambient",
        "techno", "house", "drum and bass", "metal", "post-rock", "k-pop", "latin pop", "afrobeats",
        "classical", "country", "blues", "funk", "disco", "grunge", "lo-fi beats",
    };
    private static final int[] IMAGE_SIZES = {640, 320, 160};
    private static final String[] IMAGE_SIZE_CODES = {"0000e5eb", "00005174", "0000f178"};

    private SyntheticArtists() {
    }

    /** The generated artist for {@code id}; the caller has checked that the ID is well-formed. */
    static Artist generate(String id) {
        SplittableRandom random = new SplittableRandom(seedOf(id));
        int popularity = random.nextInt(101);
        // Followers grow roughly exponentially with popularity, like real catalog data.
        long followers = (long) (Math.pow(10, 1.5 + popularity / 100.0 * 5.5) * (0.5 + random.nextDouble()));
        int genreCount = random.nextInt(4);
        List<String> genres = new ArrayList<>(genreCount);
        while (genres.size() < genreCount) {
            String genre = GENRES[random.nextInt(GENRES.length)];
            if (!genres.contains(genre)) {
                genres.add(genre);
            }
        }
        genres.sort(null);
        String imageKey = hex(random, 24);
        List<Artist.Image> images = new ArrayList<>(IMAGE_SIZES.length);
        for (int i = 0; i < IMAGE_SIZES.length; i++) {
            String url = "https://i.scdn.co/image/ab676161" + IMAGE_SIZE_CODES[i] + imageKey;
            images.add(new Artist.Image(url, IMAGE_SIZES[i], IMAGE_SIZES[i]));
        }
        String name = "Synthetic Artist " + id.substring(0, 6);
        return new Artist(id, name, genres, popularity, followers, images);
    }

    /** Pre-serialized JSON of the generated artist (see {@link ArtistJsonWriter#toJson}). */
    static byte[] json(String id, boolean developmentMode) {
        return ArtistJsonWriter.toJson(generate(id), developmentMode);
    }

    private static String hex(SplittableRandom random, int digits) {
        char[] chars = new char[digits];
        for (int i = 0; i < digits; i++) {
            chars[i] = Character.forDigit(random.nextInt(16), 16);
        }
        return new String(chars);
    }

    // 64-bit FNV-1a: String.hashCode() has only 32 bits, too few for 100k+ distinct benchmark IDs.
    private static long seedOf(String id) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            hash ^= id.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
