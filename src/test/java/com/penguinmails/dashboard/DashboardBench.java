package com.penguinmails.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.delivery.MessageSent;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.BenchTiming;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: the home page and {@code GET /api/v1/dashboard} of a workspace
 * with {@code bench.messages} (1,000,000) sent messages over a year (outbox rows, and the
 * daily read model as the events would have built it), 100,000 contacts, 20 campaigns, 10
 * mailboxes and 30,000 people who replied; then how fast the read model takes events
 * (MessageSent through the JDBC event publication registry).
 * {@code bash bench/dashboard.sh}.
 */
@Tag("bench")
@IntegrationTest
class DashboardBench {

	static final int MESSAGES = Integer.getInteger("bench.messages", 1_000_000);

	static final int EVENTS = Integer.getInteger("bench.events", 20_000);

	static final int ROUNDS = 200;

	/** Timings of {@link #ROUNDS} calls after 20 to warm up. */
	static final BenchTiming TIMING = new BenchTiming("sent messages", MESSAGES, 20, ROUNDS);

	/** The same, 110 ms apart: under the API's rate limit. */
	static final BenchTiming API_TIMING = new BenchTiming("sent messages", MESSAGES, 20, ROUNDS, 110);

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Dashboard dashboard;

	@Autowired
	TransactionTemplate transactions;

	@Value("${server.port}")
	int port;

	@Test
	void homeAndApiWithAMillionSentMessages() throws Exception {
		Account account = fixtures.verifiedAccount("bench-dashboard");
		UUID workspace = account.workspaceId();
		List<UUID> boxes = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			boxes.add(
					mailboxes
						.add(account.owner(),
								new NewMailbox("sender" + i + "@bench-dashboard.test", "S", "sandbox", null, null, "",
										"", null, null, null))
						.id());
		}
		List<UUID> campaignIds = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			campaignIds
				.add(campaigns.create(account.owner(), new Draft("Campaign " + i, null, null, boxes, null)).id());
		}
		long seeding = System.nanoTime();
		seed(workspace, boxes, campaignIds);
		System.out.printf("BENCH seeded %,d sent messages in %.0f s%n", MESSAGES, (System.nanoTime() - seeding) / 1e9);

		TIMING.measure("Dashboard.home (the page's data, no HTTP)", () -> dashboard.home(account.owner()));
		WebSession web = fixtures.signedIn(account);
		TIMING.measure("GET / (home page, rendered, MockMvc)",
				() -> assertThat(web.get("/").getResponse().getStatus()).isEqualTo(200));
		String key = fixtures.apiKey(account, "campaigns:read", "mailboxes:read", "domains:read", "workspace:read");
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/dashboard"))
			.header("Authorization", "Bearer " + key)
			.build();
		API_TIMING.measure("GET /api/v1/dashboard (HTTP over loopback)", () -> {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
		});
		ingest(workspace, campaignIds.get(0), boxes.get(0));
	}

	private void seed(UUID workspace, List<UUID> boxes, List<UUID> campaignIds) {
		var jdbc = fixtures.jdbc();
		jdbc.sql("""
				INSERT INTO contacts (id, workspace_id, email, first_name)
				SELECT gen_random_uuid(), ?, 'person' || g || '@client' || (g % 500) || '.test', 'P'
				FROM generate_series(1, 100000) g""").param(workspace).update();
		jdbc.sql("""
				INSERT INTO outbox (id, workspace_id, campaign_id, step, variant, mailbox_id, to_address, to_domain,
				    subject, html, text, message_id, status, not_before, created_at, sent_at)
				SELECT gen_random_uuid(), ?, (?::uuid[])[1 + g % 20], g % 3, 0, (?::uuid[])[1 + g % 10],
				    'person' || (g % 100000) || '@client.test', 'client.test', 'Hello', '', '',
				    '<' || g || '.' || gen_random_uuid() || '@bench.test>', 'sent',
				    now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day',
				    now() - (g % 365) * interval '1 day'
				FROM generate_series(1, ?) g""")
			.params(workspace, campaignIds.toArray(UUID[]::new), boxes.toArray(UUID[]::new), MESSAGES)
			.update();
		// The read model as MessageSent, ReplyReceived and BounceReceived would have
		// built it.
		jdbc.sql(
				"""
						INSERT INTO dashboard_daily (workspace_id, day, sent, replied, bounced, complained, unsubscribed, positive)
						SELECT ?, (sent_at AT TIME ZONE 'UTC')::date, count(*), count(*) / 33, count(*) / 50, count(*) / 2000,
						    count(*) / 300, count(*) / 100
						FROM outbox WHERE workspace_id = ? GROUP BY 1, 2""")
			.params(workspace, workspace)
			.update();
		jdbc.sql("""
				INSERT INTO dashboard_repliers (workspace_id, day, person)
				SELECT ?, (now() AT TIME ZONE 'UTC')::date - (g % 365), 'person' || g
				FROM generate_series(1, 30000) g""").param(workspace).update();
		jdbc.sql("ANALYZE").update();
	}

	/**
	 * MessageSent events, published in one transaction, until the read model has them
	 * all.
	 */
	private void ingest(UUID workspace, UUID campaign, UUID mailbox) throws InterruptedException {
		long start = System.nanoTime();
		transactions.executeWithoutResult(status -> {
			for (int i = 0; i < EVENTS; i++) {
				events.publishEvent(new MessageSent(workspace, campaign, null, 0, UUID.randomUUID(), "<b" + i + ">",
						mailbox, Instant.now(), null));
			}
		});
		while (fixtures.jdbc()
			.sql("""
					SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND listener_id LIKE '%DailyRollup%'""")
			.query(Long.class)
			.single() > 0) {
			Thread.sleep(100);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("BENCH read model took %,d MessageSent events in %.1f s: %,.0f events/s%n", EVENTS, seconds,
				EVENTS / seconds);
	}

}
