package dev.artistenricher.support;

import java.io.Serializable;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures every log line of the JVM at the given level (TRACE included) while open. */
public final class LogCapture implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final CapturingAppender appender;
    private final Level previousRootLevel;

    public LogCapture(Level level) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = new CapturingAppender(lines);
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        previousRootLevel = root.getLevel();
        root.addAppender(appender, level, null);
        root.setLevel(level);
        // every configured logger, so that none filters below the level asked for
        config.getLoggers().values().forEach(logger -> {
            logger.setLevel(level);
            if (logger != root) {
                logger.addAppender(appender, level, null);
            }
        });
        context.updateLoggers();
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.reconfigure(); // back to log4j2(-test).properties
    }

    private static final class CapturingAppender extends AbstractAppender {
        private final ConcurrentLinkedQueue<String> lines;

        CapturingAppender(ConcurrentLinkedQueue<String> lines) {
            super("capture", null, PatternLayout.newBuilder().withPattern("%-5level %c %msg%n%throwable").build(), true,
                    Property.EMPTY_ARRAY);
            this.lines = lines;
        }

        @Override
        public void append(LogEvent event) {
            Serializable formatted = getLayout().toSerializable(event);
            lines.add(String.valueOf(formatted));
        }
    }
}
