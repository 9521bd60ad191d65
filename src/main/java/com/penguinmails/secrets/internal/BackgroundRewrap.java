package com.penguinmails.secrets.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;

/**
 * {@code secrets rewrap} run by this node, in the background, from the admins' page
 * ({@code /system/secrets}): the same sweep as the command, with this node's keys. One
 * run at a time per node; a run on another node at the same time is harmless (each update
 * compares the ciphertext it read). The last run's counts are kept in memory.
 */
@Component
public class BackgroundRewrap {

	private static final Logger log = LoggerFactory.getLogger(BackgroundRewrap.class);

	private final SecretsSweep sweep;

	private final Clock clock;

	private volatile Run last;

	BackgroundRewrap(JdbcClient jdbc, Secrets secrets, Clock clock) {
		this.sweep = new SecretsSweep(jdbc, secrets);
		this.clock = clock;
	}

	/**
	 * One run: its counts per column so far, and its end (null while it runs).
	 *
	 * @param error why it stopped early, or null
	 */
	public record Run(Instant started, Instant finished, List<SecretsSweep.Counts> columns, String error) {

		/** Secrets re-wrapped in all columns. */
		public long rewrapped() {
			return columns.stream().mapToLong(SecretsSweep.Counts::rewrapped).sum();
		}

		/** Secrets no configured key unwraps, in all columns. */
		public long unreadable() {
			return columns.stream().mapToLong(SecretsSweep.Counts::unreadable).sum();
		}

	}

	/** Starts a run unless one is running; returns whether it started one. */
	public synchronized boolean start() {
		if (last != null && last.finished() == null) {
			return false;
		}
		Instant started = clock.instant();
		last = new Run(started, null, List.of(), null);
		Thread thread = new Thread(() -> run(started), "secrets-rewrap");
		thread.setDaemon(true);
		thread.start();
		return true;
	}

	/** The last run on this node, or null. */
	public Run last() {
		return last;
	}

	/** How each registered column stands now (no writes). */
	public List<SecretsSweep.Counts> counts() {
		return SecretColumns.ALL.stream().map(column -> sweep.sweep(column, false, 1000, Long.MAX_VALUE)).toList();
	}

	private void run(Instant started) {
		List<SecretsSweep.Counts> done = new ArrayList<>();
		try {
			for (SecretColumns.Column column : SecretColumns.ALL) {
				done.add(sweep.sweep(column, true, 500, Long.MAX_VALUE));
				last = new Run(started, null, List.copyOf(done), null);
			}
			last = new Run(started, clock.instant(), List.copyOf(done), null);
			log.info("Re-wrapped {} secrets with the current key ({} unreadable)", last.rewrapped(), last.unreadable());
		}
		catch (RuntimeException ex) {
			log.warn("Re-wrapping secrets stopped: {}", ex.getMessage());
			last = new Run(started, clock.instant(), List.copyOf(done), ex.getMessage());
		}
	}

}
