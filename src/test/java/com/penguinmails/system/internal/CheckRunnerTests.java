package com.penguinmails.system.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.system.SystemStatusReport.Check;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks run side by side, each within the timeout: one that throws or hangs is unknown
 * with why, the others keep their outcome; the order is failing, warning, unknown, ok;
 * the overall status is the worst.
 */
class CheckRunnerTests {

	record Fixed(String key, SystemCheck.Result result) implements SystemCheck {

		@Override
		public String title() {
			return "Check " + key;
		}

		@Override
		public Result run() {
			return result;
		}

	}

	/** Throws on run, or hangs for 30 s. */
	record Broken(String key, boolean hangs) implements SystemCheck {

		@Override
		public String title() {
			return "Check " + key;
		}

		@Override
		public Result run() {
			if (!hangs) {
				throw new IllegalStateException("secret-host.internal:5432 refused");
			}
			try {
				Thread.sleep(30_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Result.ok("late", Map.of());
		}

	}

	@Test
	void aCheckThatThrowsOrHangsIsUnknownAndTheOthersStand() {
		List<SystemCheck> checks = List.of(new Fixed("b.ok", SystemCheck.Result.ok("fine", Map.of("n", 1))),
				new Broken("throws", false), new Broken("hangs", true),
				new Fixed("a.warn", SystemCheck.Result.warning("soon", "do this", Map.of())),
				new Fixed("fails", SystemCheck.Result.failing("broken", "fix it", Map.of())));
		CheckRunner runner = new CheckRunner(checks,
				new SystemProperties(false, null, null, null, null, Duration.ofMillis(800), 90));
		long start = System.nanoTime();

		List<Check> results = runner.run();

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(results).extracting(Check::key).containsExactly("fails", "a.warn", "hangs", "throws", "b.ok");
		assertThat(results).extracting(Check::status).containsExactly("failing", "warning", "unknown", "unknown", "ok");
		Check thrown = results.get(3);
		assertThat(thrown.summary()).isEqualTo("The check failed (IllegalStateException).")
			.doesNotContain("secret-host");
		assertThat(thrown.whatToDo()).contains("application log");
		assertThat(results.get(2).summary()).isEqualTo("The check did not answer within 800 ms.");
		assertThat(results.get(4).whatToDo()).as("nothing to do when ok").isEmpty();
		assertThat(CheckRunner.overall(results)).isEqualTo("failing");
		assertThat(CheckRunner.overall(results.subList(2, 5))).isEqualTo("unknown");
		assertThat(CheckRunner.overall(results.subList(4, 5))).isEqualTo("ok");
		runner.stop();
	}

}
