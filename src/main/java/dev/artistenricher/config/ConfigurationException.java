package dev.artistenricher.config;

/**
 * A missing or invalid setting. Its message is the one line shown to the user
 * (it always names the key), so it is never wrapped into a stack trace.
 */
public final class ConfigurationException extends RuntimeException {

    private final String key;

    public ConfigurationException(String key, String problem) {
        super(key + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
