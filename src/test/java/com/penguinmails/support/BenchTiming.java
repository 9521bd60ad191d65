package com.penguinmails.support;

import java.util.Arrays;

/**
 * The timing and reporting every benchmark under {@code bench/} shares: a call run
 * {@code warmUps} times untimed, then {@code rounds} times timed (wall clock,
 * {@link System#nanoTime()}), and one line per measurement in the shape the
 * {@code bench/*.sh} scripts grep for:
 * {@code BENCH <what> with <size> <unit>: median 12.3 ms, p95 45.6 ms, max 78.9 ms (50 calls)}.
 * The median is the middle of the sorted timings (the upper one of an even count); the
 * p95 is the nearest-rank 95th percentile (the ⌈0.95·n⌉-th smallest).
 *
 * @param unit what the workspace's size counts, plural ("contacts", "recipients")
 * @param size how many of them the bench seeded; printed with grouping separators
 * @param warmUps untimed calls before the timed ones (JIT, caches, plans)
 * @param rounds timed calls, at least 1
 * @param pauseMillis a sleep before each call, warm-up and timed (an API's rate limit); 0
 * for none; not part of the timings
 */
public record BenchTiming(String unit, long size, int warmUps, int rounds, long pauseMillis) {

	/**
	 * Timing with no pause between calls.
	 * @param unit what the size counts, plural
	 * @param size how many of them
	 * @param warmUps untimed calls first
	 * @param rounds timed calls
	 */
	public BenchTiming(String unit, long size, int warmUps, int rounds) {
		this(unit, size, warmUps, rounds, 0);
	}

	/** A call to time; any exception fails the bench. */
	@FunctionalInterface
	public interface Call {

		/**
		 * Runs the measured work once.
		 * @throws Exception whatever the work throws
		 */
		void run() throws Exception;

	}

	/**
	 * Runs {@code call} {@link #warmUps()} times, then {@link #rounds()} times timed.
	 * @param call the work
	 * @return the timed calls' durations in milliseconds, sorted ascending
	 * @throws Exception the first exception a call throws
	 */
	public double[] time(Call call) throws Exception {
		for (int i = 0; i < this.warmUps; i++) {
			pause();
			call.run();
		}
		double[] millis = new double[this.rounds];
		for (int i = 0; i < this.rounds; i++) {
			pause();
			long start = System.nanoTime();
			call.run();
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		return millis;
	}

	/**
	 * Prints one {@code BENCH} line: median, p95 and max of {@code sorted}.
	 * @param what the measurement, as a person reads it ("GET /inbox (first page)")
	 * @param sorted durations in milliseconds, sorted ascending, as {@link #time} returns
	 */
	public void report(String what, double[] sorted) {
		System.out.printf("BENCH %s with %,d %s: median %.1f ms, p95 %.1f ms, max %.1f ms (%d calls)%n", what,
				this.size, this.unit, sorted[sorted.length / 2], sorted[(sorted.length * 95 + 99) / 100 - 1],
				sorted[sorted.length - 1], sorted.length);
	}

	/**
	 * Times {@code call} and prints its line: {@link #report}({@code what},
	 * {@link #time}({@code call})).
	 * @param what the measurement, as a person reads it
	 * @param call the work
	 * @throws Exception the first exception a call throws
	 */
	public void measure(String what, Call call) throws Exception {
		report(what, time(call));
	}

	private void pause() throws InterruptedException {
		if (this.pauseMillis > 0) {
			Thread.sleep(this.pauseMillis);
		}
	}

}
