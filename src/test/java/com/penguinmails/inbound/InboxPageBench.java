package com.penguinmails.inbound;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.support.BenchTiming;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: the two-pane inbox of a workspace with {@code bench.threads}
 * (100,000) conversations of 2 or 3 incoming messages each (≈250,000 messages), a contact
 * each, 5 campaigns, labels, unread and done ones: {@code GET /inbox} (the first page, a
 * search, a label, unread only, a page 90,000 conversations deep) and the conversation
 * pane, rendered through MockMvc; and the plans of the list's queries.
 * {@code bash bench/inbox-page.sh}.
 */
@Tag("bench")
@IntegrationTest
class InboxPageBench {

	static final int THREADS = Integer.getInteger("bench.threads", 100_000);

	static final int ROUNDS = 60;

	static final BenchTiming TIMING = new BenchTiming("conversations", THREADS, 10, ROUNDS);

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Test
	void theInboxWithAHundredThousandConversations() throws Exception {
		Account account = fixtures.verifiedAccount("bench-inbox");
		UUID workspace = account.workspaceId();
		UUID mailbox = mailboxes
			.add(account.owner(),
					new NewMailbox("anna@bench-inbox.test", "Anna", "sandbox", null, null, "", "", null, null, null))
			.id();
		List<UUID> campaignIds = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			campaignIds
				.add(campaigns.create(account.owner(), new Draft("Campaign " + i, null, null, List.of(mailbox), null))
					.id());
		}
		long seeding = System.nanoTime();
		seed(workspace, mailbox, campaignIds);
		long messages = fixtures.jdbc()
			.sql("SELECT count(*) FROM inbound_messages WHERE workspace_id = ?")
			.param(workspace)
			.query(Long.class)
			.single();
		System.out.printf("BENCH seeded %,d conversations, %,d messages in %.0f s%n", THREADS, messages,
				(System.nanoTime() - seeding) / 1e9);

		WebSession web = fixtures.signedIn(account);
		String deep = fixtures.jdbc()
			.sql("""
					SELECT latest_in_at, latest_in_id FROM inbound_threads
					WHERE workspace_id = ? AND archived_at IS NULL AND has_reply
					ORDER BY latest_in_at DESC, latest_in_id DESC OFFSET ? LIMIT 1""")
			.params(workspace, (int) (THREADS * 0.9 * 0.95 * 0.9))
			.query((rs, i) -> new CursorPage.Position(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class))
				.toString())
			.single();
		page(web, "GET /inbox (first page)", "/inbox");
		page(web, "GET /inbox?q=person 4242 (search)",
				"/inbox?q=" + URLEncoder.encode("person 4242", StandardCharsets.UTF_8));
		page(web, "GET /inbox?q=talk (search, many matches)", "/inbox?q=talk");
		page(web, "GET /inbox?label=interested", "/inbox?label=interested");
		page(web, "GET /inbox?unread=true", "/inbox?unread=true");
		page(web, "GET /inbox?campaign= (one of 5)", "/inbox?campaign=" + campaignIds.get(2));
		page(web, "GET /inbox?done=true", "/inbox?done=true");
		page(web, "GET /inbox (a page 90% deep, by cursor)", "/inbox?cursor=" + deep);
		TIMING.measure("GET /inbox htmx refresh (list alone, HX-Request)",
				() -> assertThat(
						web.perform(MockMvcRequestBuilders.get("/inbox?show=replies").header("HX-Request", "true"))
							.getResponse()
							.getStatus())
					.isEqualTo(200));
		List<UUID> ids = fixtures.jdbc()
			.sql("SELECT id FROM inbound_threads WHERE workspace_id = ? ORDER BY random() LIMIT ?")
			.params(workspace, ROUNDS + 20)
			.query(UUID.class)
			.list();
		int[] next = { 0 };
		TIMING.measure("GET /inbox/{id}/pane (a random conversation)",
				() -> assertThat(
						web.get("/inbox/" + ids.get(next[0]++ % ids.size()) + "/pane").getResponse().getStatus())
					.isEqualTo(200));
		// The first page once more, warm: its first measurement above also pays for the
		// JIT
		// and for autovacuum working through the freshly seeded tables.
		page(web, "GET /inbox (first page, again at the end)", "/inbox");
		explain(workspace, campaignIds.get(2));
	}

	private void page(WebSession web, String what, String path) throws Exception {
		TIMING.measure(what, () -> assertThat(web.get(path).getResponse().getStatus()).isEqualTo(200));
	}

	private void seed(UUID workspace, UUID mailbox, List<UUID> campaignIds) {
		var jdbc = fixtures.jdbc();
		String w = workspace.toString();
		jdbc.sql("""
				INSERT INTO contacts (id, workspace_id, email, first_name)
				SELECT md5(? || 'c' || g)::uuid, ?, 'person' || g || '@client' || (g % 500) || '.test', 'P' || g
				FROM generate_series(1, ?) g""").params(w, workspace, THREADS).update();
		jdbc.sql(
				"""
						INSERT INTO inbound_threads (id, workspace_id, label, updated_at, latest_in_id, latest_in_at, mailbox_id,
						    campaign_id, has_reply, has_unread, archived_at)
						SELECT md5(? || 't' || g)::uuid, ?, CASE WHEN g % 10 = 0 THEN 'interested'
						    WHEN g % 17 = 0 THEN 'not_interested' WHEN g % 23 = 0 THEN 'meeting_booked' END, now(),
						    md5(? || 'm' || g || '-' || (2 + g % 2))::uuid, now() - g * interval '5 minutes', ?,
						    (?::uuid[])[1 + g % 5], g % 20 <> 0, g % 7 = 0, CASE WHEN g % 10 = 1 THEN now() END
						FROM generate_series(1, ?) g""")
			.params(w, workspace, w, mailbox, campaignIds.toArray(UUID[]::new), THREADS)
			.update();
		jdbc.sql(
				"""
						INSERT INTO inbound_messages (id, workspace_id, mailbox_id, direction, message_id, from_address,
						    from_name, to_addresses, subject, received_at, kind, text_body, campaign_id, contact_id, thread_id,
						    unread, created_at)
						SELECT md5(? || 'm' || g || '-' || k)::uuid, ?, ?, 'in', '<' || g || '.' || k || '@client.test>',
						    'person' || g || '@client' || (g % 500) || '.test', 'Person ' || g, 'anna@bench-inbox.test',
						    'Re: Quick question ' || (g % 1000), now() - g * interval '5 minutes' - (2 + g % 2 - k) * interval '1 hour',
						    CASE WHEN g % 20 = 0 THEN 'bounce' WHEN g % 9 = 0 THEN 'auto_reply' ELSE 'reply' END,
						    'Hello, person ' || g || ' here, about ' || md5(g || 'x' || k) || '. Let us talk next week.',
						    (?::uuid[])[1 + g % 5], md5(? || 'c' || g)::uuid, md5(? || 't' || g)::uuid, g % 7 = 0 AND k > 1, now()
						FROM generate_series(1, ?) g, generate_series(1, 3) k WHERE k <= 2 + g % 2""")
			.params(w, workspace, mailbox, campaignIds.toArray(UUID[]::new), w, w, THREADS)
			.update();
		jdbc.sql("ANALYZE").update();
	}

	private void explain(UUID workspace, UUID campaign) {
		String list = """
				SELECT t.id FROM inbound_threads t JOIN inbound_messages l ON l.id = t.latest_in_id
				WHERE t.workspace_id = ? AND t.latest_in_at IS NOT NULL AND t.archived_at IS NULL AND t.has_reply""";
		String order = " ORDER BY t.latest_in_at DESC, t.latest_in_id DESC LIMIT 51";
		Map<String, List<Object>> queries = new LinkedHashMap<>();
		queries.put(list + order, List.of(workspace));
		queries.put(list + " "
				+ """
						AND t.id IN (SELECT s.thread_id FROM inbound_messages s WHERE s.workspace_id = ?
						   AND (s.from_address || ' ' || s.from_name || ' ' || s.subject || ' ' || s.text_body) ILIKE '%person 4242%')"""
				+ order, List.of(workspace, workspace));
		queries.put(list + " AND t.has_unread" + order, List.of(workspace));
		queries.put(list + " AND t.campaign_id = ?" + order, List.of(workspace, campaign));
		queries.put("""
				SELECT count(*) FROM inbound_threads WHERE workspace_id = ? AND has_unread AND has_reply
				    AND archived_at IS NULL""", List.of(workspace));
		queries.forEach((query, params) -> {
			List<String> plan = fixtures.jdbc()
				.sql("EXPLAIN (ANALYZE, COSTS OFF) " + query)
				.params(params)
				.query(String.class)
				.list();
			System.out.println("BENCH plan of " + query.replaceAll("\\s+", " ").strip());
			plan.forEach(line -> System.out.println("BENCH plan | " + line));
		});
	}

}
