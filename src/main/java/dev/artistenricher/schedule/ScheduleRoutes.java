package dev.artistenricher.schedule;

import dev.artistenricher.config.TemplatedRoutes;
import java.util.Map;

/**
 * Turns the templates of {@code routes/schedule.camel.yaml} into the routes of the schedule, but
 * only when {@code enricher.schedule.cron} is set (the way {@code QueueRoutes} does for queue mode):
 * the Quartz trigger of the rounds ({@code watch-list-schedule}) and the check at start-up for a
 * round missed while the application was down ({@code watch-list-catch-up}). The round itself
 * ({@code direct:watch-list-round}) always exists: {@code --snapshot} runs it without a schedule.
 */
public final class ScheduleRoutes extends TemplatedRoutes {

    /** @param cronOption the cron expression as a Quartz endpoint option ({@code +} for each space) */
    public ScheduleRoutes(String cronOption) {
        add("watch-list-schedule", "watch-list-schedule", Map.of("cron", cronOption));
        add("watch-list-catch-up", "watch-list-catch-up", Map.of());
    }
}
