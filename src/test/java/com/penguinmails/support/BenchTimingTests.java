package com.penguinmails.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTimingTests {

	@Test
	void runsTheWarmUpsThenTheRoundsAndReturnsTheTimingsSorted() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		double[] millis = new BenchTiming("contacts", 10, 3, 7).time(calls::incrementAndGet);
		assertThat(calls).hasValue(10);
		assertThat(millis).hasSize(7).isSorted();
	}

	@Test
	void reportsMedianNearestRankP95AndMaxInTheBenchLineShape() {
		double[] sorted = new double[20];
		for (int i = 0; i < sorted.length; i++) {
			sorted[i] = i + 1;
		}
		String line = printed(() -> new BenchTiming("sent messages", 1_000_000, 0, 20).report("GET /", sorted));
		assertThat(line)
			.isEqualTo("BENCH GET / with 1,000,000 sent messages: median 11.0 ms, p95 19.0 ms, max 20.0 ms (20 calls)"
					+ System.lineSeparator());
	}

	private static String printed(Runnable printing) {
		PrintStream out = System.out;
		Locale locale = Locale.getDefault();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			Locale.setDefault(Locale.US);
			System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
			printing.run();
		}
		finally {
			System.setOut(out);
			Locale.setDefault(locale);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
