package dev.artistenricher.run;

import dev.artistenricher.spotify.RateLimitParkedException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks the work when Spotify announces a wait longer than {@code enricher.max-inline-wait}: no
 * thread sleeps through it and no request is held. With {@code --once} the run ends (exit 75);
 * as a daemon the routes of the group that met the limit are suspended (the inbox, or every queue
 * worker) and a one-shot Quartz trigger at the announced time resumes them. The interrupted work
 * stays where it came from (the file in the inbox, the messages in the broker) and resumes from the
 * artist store.
 */
public final class RateLimitParking {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitParking.class);
    /** The exchange property with the distinct IDs the parked work still has to fetch (set by whoever put it back). */
    public static final String IDS_LEFT = "idsLeft";
    private static final String JOB_GROUP = "artist-enricher";

    private final CamelContext context;
    private final RunStatus status;
    private volatile Instant parkedUntil;
    private final Set<String> suspended = ConcurrentHashMap.newKeySet();
    private final List<Runnable> onResume = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RateLimitParking(CamelContext context, RunStatus status) {
        this.context = context;
        this.status = status;
    }

    /** Called by the error handler with the exception that parked the work of the exchange's route. */
    public void park(@ExchangeProperty(IDS_LEFT) Long idsLeft,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure, Exchange exchange) throws SchedulerException {
        Instant until = untilOf(failure);
        long done = status.idsAnswered();
        long left = idsLeft == null ? -1 : idsLeft;
        String line = "Spotify rate limit: retry after " + until + " (" + done + " IDs done, "
                + (left < 0 ? "unknown" : Long.toString(left)) + " left)";
        if (status.isOnce()) {
            status.parked(line);
            return;
        }
        synchronized (this) {
            if (parkedUntil != null && !until.isAfter(parkedUntil)) {
                return; // already parked at least that long
            }
            parkedUntil = until;
        }
        LOG.warn("{}; API calls suspended, resuming by a Quartz trigger at {}", line, until);
        List<String> routes = routesOf(exchange.getFromRouteId());
        suspended.addAll(routes);
        // a route cannot suspend itself from inside one of its own exchanges: do it beside it
        new Thread(() -> suspend(routes), "park-routes").start();
        scheduleResume(until);
    }

    /** The announced time, or null when nothing is parked; for health checks. */
    public Instant parkedUntil() {
        return parkedUntil;
    }

    /** Runs {@code action} each time a park ends, after the suspended routes were resumed. */
    public void onResume(Runnable action) {
        onResume.add(action);
    }

    void resume() {
        LOG.info("Spotify rate-limit wait is over; resuming API calls");
        parkedUntil = null;
        for (String route : List.copyOf(suspended)) {
            try {
                context.getRouteController().resumeRoute(route);
                suspended.remove(route);
            } catch (Exception e) {
                LOG.error("Cannot resume the route {}: {}", route, e.getMessage());
            }
        }
        onResume.forEach(Runnable::run);
    }

    /**
     * The routes of the exchange's route group: the inbox, or every queue worker. A door without a
     * group (the HTTP API, a direct or Kamelet caller) is never suspended: it keeps answering, with
     * a 503 and Retry-After from the closed gate, instead of a bare refusal from a stopped consumer.
     */
    private List<String> routesOf(String routeId) {
        Route route = routeId == null ? null : context.getRoute(routeId);
        if (route == null || route.getGroup() == null) {
            return List.of();
        }
        return context.getRoutes().stream().filter(r -> route.getGroup().equals(r.getGroup())).map(Route::getRouteId).toList();
    }

    private void suspend(List<String> routes) {
        for (String route : routes) {
            try {
                context.getRouteController().suspendRoute(route);
            } catch (Exception e) {
                LOG.error("Cannot suspend the route {}: {}", route, e.getMessage());
            }
        }
    }

    private void scheduleResume(Instant until) throws SchedulerException {
        Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
        JobDataMap data = new JobDataMap();
        data.put(ResumeJob.PARKING, this);
        scheduler.scheduleJob(
                JobBuilder.newJob(ResumeJob.class).withIdentity("resume-" + until.toEpochMilli(), JOB_GROUP).usingJobData(data).build(),
                TriggerBuilder.newTrigger().withIdentity("resume-" + until.toEpochMilli(), JOB_GROUP).startAt(Date.from(until)).build());
    }

    private static Instant untilOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RateLimitParkedException parked) {
                return parked.until();
            }
        }
        throw new IllegalArgumentException("not a rate-limit parking", failure);
    }

    /** The Quartz job fired at the announced time. */
    public static final class ResumeJob implements Job {
        static final String PARKING = "parking";

        @Override
        public void execute(JobExecutionContext execution) {
            ((RateLimitParking) execution.getMergedJobDataMap().get(PARKING)).resume();
        }
    }
}
