package com.penguinmails.tracking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

/**
 * Benchmark, not a test: the open pixel and the click redirect under load from a second
 * process ({@code wrk}, over loopback, against this JVM's real Tomcat), then a count of
 * the events stored against the responses wrk received. {@code bash bench/tracking.sh}.
 */
@Tag("bench")
@IntegrationTest
class TrackingLoadBench {

	static final int MESSAGES = Integer.getInteger("bench.messages", 5_000);

	static final String DURATION = System.getProperty("bench.duration", "20s");

	static final String CONNECTIONS = System.getProperty("bench.connections", "32");

	@Autowired
	Fixtures fixtures;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	com.penguinmails.tracking.internal.LinkTokens links;

	@Autowired
	com.penguinmails.tracking.internal.UserAgents agents;

	@Value("${server.port}")
	int port;

	@Test
	void pixelAndRedirectUnderLoad() throws Exception {
		Account account = fixtures.verifiedAccount("bench-tracking");
		UUID mailbox = mailboxes
			.add(account.owner(),
					new NewMailbox("sam@bench-tracking.test", "Sam", "sandbox", null, null, "", "", 30, 0, 0))
			.id();
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Tracked", null, null, List.of(mailbox), null, new Campaign.Tracking(true, true)));
		var jdbc = fixtures.jdbc();
		jdbc.sql("""
				INSERT INTO contacts (id, workspace_id, email, first_name)
				SELECT gen_random_uuid(), ?, 'reader' || g || '@client' || (g % 50) || '.test', 'Reader'
				FROM generate_series(1, ?) g""").params(account.workspaceId(), MESSAGES).update();
		jdbc.sql("""
				INSERT INTO enrolments (id, workspace_id, campaign_id, contact_id, created_at, updated_at)
				SELECT gen_random_uuid(), workspace_id, ?, id, now(), now() FROM contacts WHERE workspace_id = ?""")
			.params(campaign.id(), account.workspaceId())
			.update();
		jdbc.sql("""
				INSERT INTO outbox (id, workspace_id, campaign_id, enrolment_id, step, variant, mailbox_id, contact_id,
				    to_address, to_domain, subject, html, text, message_id, status, not_before, created_at, sent_at)
				SELECT gen_random_uuid(), e.workspace_id, e.campaign_id, e.id, 0, 0, ?, c.id, c.email,
				    split_part(c.email, '@', 2), 'Hello', '', '', '<' || gen_random_uuid() || '@bench.test>', 'sent',
				    now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour'
				FROM enrolments e JOIN contacts c ON c.id = e.contact_id WHERE e.campaign_id = ?""")
			.params(mailbox, campaign.id())
			.update();
		jdbc.sql("ANALYZE").update();
		List<UUID> enrolments = jdbc.sql("SELECT id FROM enrolments WHERE campaign_id = ?")
			.param(campaign.id())
			.query(UUID.class)
			.list();
		List<String> opens = new ArrayList<>();
		List<String> clicks = new ArrayList<>();
		for (UUID enrolment : enrolments) {
			opens.add("/o/" + links.token(enrolment, 0, ""));
			clicks.add("/c/" + links.token(enrolment, 0, "https://example.com/pricing?ref=" + enrolment));
		}
		Path dir = Files.createTempDirectory("tracking-bench");
		Path script = dir.resolve("paths.lua");
		Files.writeString(script,
				"""
						local paths = {}
						for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
						local agents = {
						  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
						  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
						  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
						  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
						  "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)"
						}
						local counter = 0
						function setup(thread) thread:set("offset", counter * 7919); counter = counter + 1 end
						local i = 0
						function request()
						  i = i + 1
						  local n = (i + (offset or 0)) % #paths + 1
						  return wrk.format("GET", paths[n], { ["User-Agent"] = agents[n % #agents + 1] })
						end
						function done(summary, latency, requests)
						  local e = summary.errors
						  io.write(string.format("RESULT requests=%d non2xx3xx=%d socket_errors=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\\n",
						    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
						    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
						    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
						end
						""");
		Files.write(dir.resolve("opens.txt"), opens);
		Files.write(dir.resolve("clicks.txt"), clicks);
		// The User-Agent analyzer is built before the clock starts (the application
		// builds
		// it in the background once ready; tests turn that off): on a loaded machine its
		// build outlasts the warm-up, and every request would wait for it.
		agents.analyze("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36");
		// Warm-up: JIT, connection pools.
		wrk(script, dir.resolve("opens.txt"), "5s");
		wrk(script, dir.resolve("clicks.txt"), "5s");
		long before = events(campaign.id());
		String open = wrk(script, dir.resolve("opens.txt"), DURATION);
		long afterOpens = events(campaign.id());
		String click = wrk(script, dir.resolve("clicks.txt"), DURATION);
		Thread.sleep(1000);
		long afterClicks = events(campaign.id());
		System.out.printf("BENCH database: %s%n", fixtures.durability());
		System.out.printf("BENCH tracking pixel    (%d messages, %s connections, %s): %s; events stored %d%n", MESSAGES,
				CONNECTIONS, DURATION, open, afterOpens - before);
		System.out.printf("BENCH tracking redirect (%d messages, %s connections, %s): %s; events stored %d%n", MESSAGES,
				CONNECTIONS, DURATION, click, afterClicks - afterOpens);
		long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
		System.out.printf("BENCH peak heap (sum of the heap pools' peaks, the whole test JVM): %d MiB%n",
				peak / 1_048_576);
	}

	private long events(UUID campaignId) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM tracking_events WHERE campaign_id = ?")
			.param(campaignId)
			.query(Long.class)
			.single();
	}

	/** Runs wrk in its own process and returns its RESULT line. */
	private String wrk(Path script, Path paths, String duration) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + duration, "--latency",
				"-s", script.toString(), "http://127.0.0.1:" + port);
		builder.environment().putAll(Map.of("BENCH_PATHS", paths.toString()));
		builder.redirectErrorStream(true);
		Process process = builder.start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		process.getInputStream().transferTo(out);
		process.waitFor();
		String text = out.toString(StandardCharsets.UTF_8);
		Matcher result = Pattern.compile("RESULT (.*)").matcher(text);
		if (!result.find()) {
			throw new IllegalStateException("wrk said: " + text);
		}
		return result.group(1);
	}

}
