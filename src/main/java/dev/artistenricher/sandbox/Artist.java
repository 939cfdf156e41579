package dev.artistenricher.sandbox;

import java.util.List;

/**
 * The data behind one Spotify artist object. Derived fields (href, uri, external URL) are not
 * stored: {@link ArtistJsonWriter} builds them from the ID so they can never disagree.
 */
record Artist(String id, String name, List<String> genres, int popularity, long followers, List<Image> images) {

    Artist {
        genres = List.copyOf(genres);
        images = List.copyOf(images);
    }

    /** One entry of the artist's {@code images} array. */
    record Image(String url, int height, int width) {
    }
}
