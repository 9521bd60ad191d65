package com.penguinmails.system.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.SystemCheck.Status;
import com.penguinmails.system.SystemStatusReport.Check;

/**
 * Runs every {@link SystemCheck} bean side by side, each within
 * {@code penguinmails.system.check-timeout} (8 s): a check that throws, answers nothing
 * or is still running then is shown as unknown with why, so one slow or broken check
 * never hangs or breaks the status page. Results come failing first, then warning,
 * unknown and ok, each group by key.
 */
@Component
public class CheckRunner {

	private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

	private static final List<Status> SEVERITY = List.of(Status.FAILING, Status.WARNING, Status.UNKNOWN, Status.OK);

	private final List<SystemCheck> checks;

	private final Duration timeout;

	private final ExecutorService executor;

	CheckRunner(List<SystemCheck> checks, SystemProperties properties) {
		this.checks = List.copyOf(checks);
		this.timeout = properties.checkTimeout();
		AtomicInteger n = new AtomicInteger();
		ThreadFactory threads = r -> {
			Thread thread = new Thread(r, "pm-system-check-" + n.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		this.executor = Executors.newCachedThreadPool(threads);
	}

	/** Runs {@code checks} (every bean when called by the status service). */
	public List<Check> run() {
		return run(checks);
	}

	/** Runs the given checks, each within the timeout. */
	public List<Check> run(List<SystemCheck> toRun) {
		Map<SystemCheck, Future<Check>> running = new LinkedHashMap<>();
		for (SystemCheck check : toRun) {
			running.put(check, executor.submit(() -> timed(check)));
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Check> results = new ArrayList<>();
		running.forEach((check, future) -> results.add(await(check, future, deadline)));
		results.sort(Comparator.comparing((Check c) -> SEVERITY.indexOf(Status.valueOf(c.status().toUpperCase())))
			.thenComparing(Check::key));
		return results;
	}

	/** The overall status of checks: failing, else warning, else unknown, else ok. */
	public static String overall(List<Check> results) {
		for (Status status : SEVERITY) {
			if (results.stream().anyMatch(c -> c.status().equals(status.value()))) {
				return status.value();
			}
		}
		return Status.OK.value();
	}

	private Check await(SystemCheck check, Future<Check> future, long deadline) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			return unknown(check, "The check did not answer within "
					+ (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s." : timeout.toMillis() + " ms."),
					"Look at the application log for what it waits on; the page shows it again at the next load.",
					timeout.toMillis());
		}
		catch (ExecutionException | InterruptedException ex) {
			return unknown(check, "The check could not run.", "Look at the application log.", 0);
		}
	}

	private static Check timed(SystemCheck check) {
		long start = System.nanoTime();
		try {
			SystemCheck.Result result = check.run();
			long millis = (System.nanoTime() - start) / 1_000_000;
			if (result == null || result.status() == null) {
				return unknown(check, "The check gave no result.", "Look at the application log.", millis);
			}
			return new Check(check.key(), check.title(), result.status().value(), nvl(result.summary()),
					result.status() == Status.OK ? "" : nvl(result.whatToDo()),
					result.figures() == null ? Map.of() : result.figures(), millis);
		}
		catch (RuntimeException | Error ex) {
			// The exception's message may hold a host or address: the log has it,
			// the page names only its kind.
			log.warn("System check {} failed", check.key(), ex);
			return unknown(check, "The check failed (" + ex.getClass().getSimpleName() + ").",
					"Look at the application log for the error of check " + check.key() + ".",
					(System.nanoTime() - start) / 1_000_000);
		}
	}

	private static Check unknown(SystemCheck check, String summary, String whatToDo, long millis) {
		String key;
		String title;
		try {
			key = check.key();
			title = check.title();
		}
		catch (RuntimeException ex) {
			key = check.getClass().getSimpleName();
			title = key;
		}
		return new Check(key, title, Status.UNKNOWN.value(), summary, whatToDo, Map.of(), millis);
	}

	private static String nvl(String value) {
		return value == null ? "" : value;
	}

	@PreDestroy
	void stop() {
		executor.shutdownNow();
	}

}
