package dev.artistenricher.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.quartz.CronExpression;

/**
 * The settings of the scheduled watch-list rounds, read and validated at start-up like
 * {@link EnricherSettings}.
 *
 * @param cron  the Quartz cron expression of the rounds; empty: no schedule ({@code --snapshot} still works)
 * @param lists the folder of watch lists, one list per file
 * @param keep  snapshots kept per list
 */
public record ScheduleSettings(Optional<String> cron, Path lists, int keep) {

    public static ScheduleSettings read(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> value = key -> lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> cron = value.apply("enricher.schedule.cron");
        if (cron.isPresent() && !CronExpression.isValidExpression(cron.get())) {
            throw new ConfigurationException("enricher.schedule.cron", "is not a Quartz cron expression "
                    + "(seconds minutes hours day-of-month month day-of-week, e.g. '0 0 3 * * ?'): '" + cron.get() + "'");
        }
        String lists = value.apply("enricher.schedule.lists").orElse("data/watchlists");
        String keep = value.apply("enricher.schedule.keep").orElse("30");
        int kept;
        try {
            kept = Integer.parseInt(keep);
        } catch (NumberFormatException e) {
            kept = 0;
        }
        if (kept < 1 || kept > 100_000) {
            throw new ConfigurationException("enricher.schedule.keep", "must be a whole number from 1 to 100000, not '" + keep + "'");
        }
        try {
            return new ScheduleSettings(cron, Path.of(lists), kept);
        } catch (RuntimeException e) {
            throw new ConfigurationException("enricher.schedule.lists", "is not a valid path: '" + lists + "'");
        }
    }

    /** The expression as a Quartz endpoint option: Camel's quartz component reads a '+' as a space. */
    public Optional<String> cronOption() {
        return cron.map(c -> c.replace(' ', '+'));
    }
}
