package com.penguinmails.webhooks.internal.delivery;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebhookReceiver;
import com.penguinmails.webhooks.internal.CatalogueEvent;
import com.penguinmails.webhooks.internal.WebhookEventLog;

/**
 * Benchmark, not a test: 1,000 events a second for 60 s appended through
 * {@link WebhookEventLog#append} (one endpoint, 1,000 contacts as ordering keys) and sent
 * by the production sender loop to a receiver on loopback that checks every signature.
 * Prints delivered count, lag p50/p99 (receive time − occurred_at) and the peak heap;
 * {@code bash bench/webhooks.sh} runs it.
 */
@Tag("bench")
@IntegrationTest
class WebhookDeliveryBench {

	static final int RATE = Integer.getInteger("bench.rate", 1000);

	static final int SECONDS = Integer.getInteger("bench.seconds", 60);

	static final int PRODUCERS = 8;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DeliveryFixtures hooks;

	@Autowired
	WebhookEventLog events;

	@Autowired
	WebhookSender sender;

	@Autowired
	Housekeeping housekeeping;

	@Autowired
	WebhookDeliveryProperties properties;

	@Autowired
	ObjectMapper json;

	@Test
	void thousandEventsASecondForAMinute() throws Exception {
		UUID workspace = fixtures.verifiedAccount("bench-webhooks").workspaceId();
		String secret = DeliveryFixtures.whsec();
		int total = RATE * SECONDS;
		long[] lags = new long[total + 1000];
		AtomicLong count = new AtomicLong();
		AtomicLong valid = new AtomicLong();
		try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
			receiver.hmac(secret).keepRequests(false).otherwise(r -> {
				if (r.allSignaturesValid()) {
					valid.incrementAndGet();
				}
				long occurred = Instant.parse(r.body().replaceAll(".*\"timestamp\":\"([^\"]+)\".*", "$1"))
					.toEpochMilli();
				int i = (int) count.getAndIncrement();
				if (i < lags.length) {
					lags[i] = r.receivedAtMillis() - occurred;
				}
				return WebhookReceiver.Answer.ok();
			});
			hooks.endpoint(workspace, receiver.url("/bench"), secret);
			SenderLoop loop = new SenderLoop(sender, housekeeping, Clock.systemUTC(), properties);
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				pool.resetPeakUsage();
			}
			loop.start();
			// Eight producers (each append is its own durable commit), paced together to
			// RATE events a second: event n is due at start + n / RATE.
			ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
			AtomicLong produced = new AtomicLong();
			long start = System.nanoTime();
			for (int t = 0; t < PRODUCERS; t++) {
				producers.submit(() -> {
					for (long n = produced.getAndIncrement(); n < total; n = produced.getAndIncrement()) {
						long due = start + n * 1_000_000_000L / RATE;
						long wait = due - System.nanoTime();
						if (wait > 0) {
							TimeUnit.NANOSECONDS.sleep(wait);
						}
						events.append(new CatalogueEvent(workspace, "message.opened", "message.opened:bench-" + n,
								"contact-" + (n % 1000), Instant.now(),
								json.createObjectNode().put("workspace_id", workspace.toString()).put("n", n)));
					}
					return null;
				});
			}
			producers.shutdown();
			producers.awaitTermination(SECONDS + 120, TimeUnit.SECONDS);
			produced.set(Math.min(produced.get(), total));
			double produceSeconds = (System.nanoTime() - start) / 1e9;
			long deadline = System.nanoTime() + 60_000_000_000L;
			while (count.get() < produced.get() && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			loop.stop();
			long peak = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(p -> p.getType() == MemoryType.HEAP)
				.mapToLong(p -> p.getPeakUsage().getUsed())
				.sum();
			int n = (int) Math.min(count.get(), lags.length);
			long[] sorted = Arrays.copyOf(lags, n);
			Arrays.sort(sorted);
			System.out.printf("BENCH database: %s%n", fixtures.durability());
			System.out.printf(
					"BENCH webhooks: produced %d events in %.1f s (%.0f/s); delivered %d (%d signatures valid) "
							+ "by %.1f s; lag p50 %d ms, p99 %d ms, max %d ms; peak heap %d MiB (max heap %d MiB)%n",
					produced.get(), produceSeconds, produced.get() / produceSeconds, n, valid.get(), seconds,
					percentile(sorted, 0.50), percentile(sorted, 0.99), n == 0 ? 0 : sorted[n - 1], peak / 1_048_576,
					Runtime.getRuntime().maxMemory() / 1_048_576);
		}
	}

	private static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

}
