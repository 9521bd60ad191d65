package com.penguinmails.shared.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of a campaign's figures (tracking_events) and of the inbox list
 * (inbound_threads joined to inbound_messages) once the tables are partitioned: both read
 * indexes of the partitions that hold the rows (a near-empty month may be read whole),
 * and the inbox list stays a nested loop over the conversations' index that looks each
 * latest message up by primary key. The plans are printed ("PLAN |") for the record.
 */
@IntegrationTest
class PartitionedQueryPlansTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	PartitionUpkeep upkeep;

	@Test
	void campaignFiguresAndTheInboxListReadIndexesOfThePartitions() {
		UUID workspace = fixtures.verifiedAccount("plans").workspaceId();
		UUID noise = fixtures.verifiedAccount("plans-noise").workspaceId();
		UUID campaign = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		seedTracking(workspace, campaign, 20_000, now);
		seedTracking(UUID.randomUUID(), UUID.randomUUID(), 60_000, now);
		seedInbox(workspace, 2_000, now);
		seedInbox(noise, 20_000, now);
		// The months before this one came into DEFAULT: the upkeep gives them partitions.
		upkeep.upkeep(new PartitionUpkeep.Table("tracking_events", "occurred_at", Period.ZERO), now);
		upkeep.upkeep(new PartitionUpkeep.Table("inbound_messages", "received_at", Period.ZERO), now);
		fixtures.jdbc().sql("ANALYZE tracking_events").update();
		fixtures.jdbc().sql("ANALYZE inbound_messages").update();
		fixtures.jdbc().sql("ANALYZE inbound_threads").update();

		// TrackingStatsQueries.counts: a campaign's opens and clicks per step and
		// variant.
		List<String> figures = plan("""
				SELECT step, variant, count(*) FILTER (WHERE kind = 'open'),
				    count(DISTINCT outbox_id) FILTER (WHERE kind = 'open' AND NOT machine),
				    count(*) FILTER (WHERE kind = 'click'), count(DISTINCT outbox_id) FILTER (WHERE kind = 'click')
				FROM tracking_events WHERE workspace_id = ? AND campaign_id = ?
				GROUP BY step, variant ORDER BY step, variant""", workspace, campaign);
		// InboxThreadList.threads: the first page of the open conversations with a reply.
		List<String> inbox = plan("""
				SELECT t.id, l.id, l.from_address, l.subject, left(l.text_body, 200), t.latest_in_at, l.kind
				FROM inbound_threads t JOIN inbound_messages l ON l.id = t.latest_in_id
				WHERE t.workspace_id = ? AND t.latest_in_at IS NOT NULL AND t.archived_at IS NULL AND t.has_reply
				ORDER BY t.latest_in_at DESC, t.latest_in_id DESC LIMIT 51""", workspace);

		// A month that holds none of the campaign's events may be read whole when it is
		// near empty (the planner's choice); those that hold them are read by index.
		assertThat(String.join("\n", figures))
			.containsPattern(
					"(Index Scan|Index Only Scan) using tracking_events_y|Bitmap Index Scan on tracking_events_y")
			.doesNotContainPattern("Seq Scan on tracking_events_\\S+ \\S+ \\(actual rows=[1-9]");
		// The latest message of each conversation by its id: one primary key probe per
		// month.
		assertThat(String.join("\n", inbox)).contains("Nested Loop")
			.contains("Index Scan using inbound_threads_")
			.containsPattern("Index Scan using inbound_messages_y\\d{4}m\\d{2}_pkey")
			.doesNotContain("Hash Join")
			.doesNotContainPattern("Seq Scan on inbound_messages_\\S+ \\S+ \\(actual rows=[1-9]");
	}

	private void seedTracking(UUID workspace, UUID campaign, int events, Instant now) {
		// Four months of events over 2 steps x 2 variants.
		fixtures.jdbc()
			.sql("""
					INSERT INTO tracking_events (id, workspace_id, campaign_id, enrolment_id, outbox_id, step, variant, kind,
					    occurred_at, machine)
					SELECT gen_random_uuid(), ?, ?, md5(? || (g % 5000))::uuid, md5(? || (g % 7000))::uuid, g % 2,
					    (g / 2) % 2, CASE WHEN g % 3 = 0 THEN 'click' ELSE 'open' END,
					    ?::timestamptz - g * (INTERVAL '120 days' / ?), g % 10 = 0
					FROM generate_series(1, ?) g""")
			.params(workspace, campaign, campaign.toString(), campaign.toString(), Timestamp.from(now), events, events)
			.update();
	}

	private void seedInbox(UUID workspace, int conversations, Instant now) {
		UUID mailbox = UUID.randomUUID();
		fixtures.jdbc()
			.sql("""
					INSERT INTO inbound_messages (id, workspace_id, mailbox_id, from_address, subject, text_body,
					    received_at, kind, thread_id, created_at)
					SELECT md5(? || 'm' || g)::uuid, ?, ?, 'p' || g || '@client.test', 'Re: Hello', 'Sounds good',
					    ?::timestamptz - g * (INTERVAL '120 days' / ?), 'reply', md5(? || 't' || g)::uuid, now()
					FROM generate_series(1, ?) g""")
			.params(mailbox.toString(), workspace, mailbox, Timestamp.from(now), conversations, mailbox.toString(),
					conversations)
			.update();
		fixtures.jdbc().sql("""
				INSERT INTO inbound_threads (id, workspace_id, updated_at, latest_in_id, latest_in_at, mailbox_id,
				    has_reply, has_unread)
				SELECT thread_id, workspace_id, received_at, id, received_at, mailbox_id, true, true
				FROM inbound_messages WHERE mailbox_id = ?""").param(mailbox).update();
	}

	private List<String> plan(String sql, Object... params) {
		List<String> plan = fixtures.jdbc()
			.sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql)
			.params(params)
			.query(String.class)
			.list();
		System.out.println("PLAN of " + sql.replaceAll("\\s+", " ").strip());
		plan.forEach(line -> System.out.println("PLAN | " + line));
		return plan;
	}

}
