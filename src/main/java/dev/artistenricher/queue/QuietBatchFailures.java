package dev.artistenricher.queue;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception handler of the JMS worker routes' timers. A failed batch is already reported where it
 * ends ({@link JmsBatches}: one line when it is rolled back, none when a rate-limit park put it back),
 * so the timer does not log a stack trace for each ordinary redelivery; the exception stays at DEBUG.
 */
public final class QuietBatchFailures implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QuietBatchFailures.class);

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        LOG.debug("{}", message == null ? "batch failed" : message, exception);
    }
}
