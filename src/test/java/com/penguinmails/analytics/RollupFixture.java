package com.penguinmails.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.Fixtures.Account;

/**
 * A generated month of activity written straight into the raw tables, as the sending,
 * tracking and inbound features write them: two campaigns (two steps, variant B of step 1
 * winning), three mailboxes on two domains, recipients at Gmail, Outlook, Yahoo and
 * elsewhere, human and machine opens (repeated), clicks, replies and auto-replies, SMTP
 * refusals and DSN bounces, unsubscribes and complaints.
 */
final class RollupFixture {

	record Seeded(UUID campaignA, UUID campaignB, UUID boxA, UUID boxB, UUID boxC, Instant start, UUID listId) {
	}

	private RollupFixture() {
	}

	/**
	 * Seeds {@code people} recipients per campaign, sent from {@code start} over 30 days.
	 */
	static Seeded seed(JdbcClient jdbc, Mailboxes mailboxes, Campaigns campaigns, Account account, String tag,
			int people, Instant start) {
		return seed(jdbc, mailboxes, campaigns, account, tag, people, start, 27);
	}

	/**
	 * Seeds {@code people} recipients per campaign, first messages spread over
	 * {@code days} days from {@code start} (second steps 3 days later).
	 */
	static Seeded seed(JdbcClient jdbc, Mailboxes mailboxes, Campaigns campaigns, Account account, String tag,
			int people, Instant start, int days) {
		UUID boxA = box(mailboxes, account, "a@" + tag + "-one.test");
		UUID boxB = box(mailboxes, account, "b@" + tag + "-one.test");
		UUID boxC = box(mailboxes, account, "c@" + tag + "-two.test");
		UUID campaignA = campaigns
			.create(account.owner(), new Draft("Alpha " + tag, null, null, List.of(boxA, boxB), null))
			.id();
		UUID campaignB = campaigns.create(account.owner(), new Draft("Beta " + tag, null, null, List.of(boxC), null))
			.id();
		jdbc.sql("UPDATE campaigns SET time_zone = 'America/New_York' WHERE id = ?").param(campaignA).update();
		jdbc.sql("UPDATE campaigns SET time_zone = 'Europe/Paris' WHERE id = ?").param(campaignB).update();
		UUID ws = account.workspaceId();
		// Recipient g: campaign by g % 2, enrolment per (campaign, person), two steps 3
		// days
		// apart, variant by person; mailbox by person; domain by person % 5.
		jdbc.sql(
				"""
						INSERT INTO outbox (id, workspace_id, campaign_id, enrolment_id, step, variant, mailbox_id, to_address,
						    to_domain, subject, html, text, message_id, status, failure, not_before, created_at, sent_at, contact_id)
						SELECT gen_random_uuid(), ?, CASE WHEN p % 2 = 0 THEN ?::uuid ELSE ?::uuid END,
						    md5(? || ':' || p)::uuid, s, CASE WHEN s = 0 THEN (p / 2) % 2 ELSE 0 END,
						    CASE WHEN p % 2 = 1 THEN ?::uuid WHEN p % 4 = 0 THEN ?::uuid ELSE ?::uuid END,
						    'person' || p || '@' || d, d, 'Hello', '<p>Hi</p>', 'Hi', '<' || gen_random_uuid() || '@x.test>',
						    CASE WHEN s = 0 AND p % 23 = 0 THEN 'failed' WHEN s = 0 AND p % 97 = 0 THEN 'failed' ELSE 'sent' END,
						    CASE WHEN s = 0 AND p % 23 = 0 THEN 'hard_bounce' WHEN s = 0 AND p % 97 = 0 THEN 'policy' END,
						    t, t, t, md5('contact' || md5(? || ':' || p)::uuid::text)::uuid
						FROM generate_series(0, ? - 1) p
						CROSS JOIN generate_series(0, 1) s
						CROSS JOIN LATERAL (SELECT (ARRAY['gmail.com', 'outlook.com', 'yahoo.com', 'acme.test', 'globex.test'])[p % 5 + 1] AS d,
						    ?::timestamptz + (p % ?) * interval '1 day' + (p::bigint * 7919 % 86400) * interval '1 second'
						        + s * interval '3 days' AS t) x
						WHERE NOT (s = 1 AND (p % 23 = 0 OR p % 97 = 0))""")
			.params(ws, campaignA, campaignB, tag, boxC, boxA, boxB, tag, people, java.sql.Timestamp.from(start), days)
			.update();
		// Opens: 40 % of messages, some by a machine first (some by a machine only), some
		// opened twice; variant B
		// of
		// step 1 is opened and replied to more.
		jdbc.sql(
				"""
						INSERT INTO tracking_events (id, workspace_id, campaign_id, enrolment_id, outbox_id, step, variant, kind,
						    url, occurred_at, machine)
						SELECT gen_random_uuid(), workspace_id, campaign_id, enrolment_id, id, step, variant, k.kind,
						    CASE WHEN k.kind = 'click' THEN 'https://example.test/' END,
						    sent_at + k.after, k.machine
						FROM outbox o
						CROSS JOIN LATERAL (VALUES ('open', interval '5 minutes', abs(hashtext(o.id::text)) % 5 = 0),
						                           ('open', interval '3 hours', false),
						                           ('open', interval '2 days', false),
						                           ('click', interval '4 hours', abs(hashtext(o.id::text)) % 7 = 0)) k(kind, after, machine)
						WHERE o.workspace_id = ? AND o.status = 'sent'
						    AND abs(hashtext(o.id::text)) % 10 < CASE WHEN o.variant = 1 THEN 6 ELSE 4 END
						    AND (k.kind = 'open' OR abs(hashtext(o.id::text)) % 10 < 2)
						    AND (k.after <> interval '2 days' OR abs(hashtext(o.id::text)) % 3 = 0)
						    AND (k.after <> interval '3 hours' OR abs(hashtext(o.id::text)) % 10 <> 0)""")
			.param(ws)
			.update();
		// Replies (and auto-replies), DSN bounces, unsubscribes, complaints. Variant B
		// gets six
		// times the replies of A (7.5 % of messages against 1.25 %).
		jdbc.sql(
				"""
						INSERT INTO analytics_events (source_id, workspace_id, campaign_id, step, variant, outbox_id, kind,
						    occurred_at, enrolment_id)
						SELECT ? || '-' || k.kind || '-' || o.id, o.workspace_id, o.campaign_id, o.step, o.variant, o.id, k.kind,
						    o.sent_at + k.after, o.enrolment_id
						FROM outbox o
						CROSS JOIN LATERAL (VALUES ('replied', interval '1 day', 4), ('auto_replied', interval '1 minute', 3),
						                           ('bounced_soft', interval '20 minutes', 9), ('unsubscribed', interval '30 hours', 8),
						                           ('complained', interval '2 days', 11)) k(kind, after, bucket)
						WHERE o.workspace_id = ? AND o.status = 'sent'
						    AND ((abs(hashtext(o.id::text || k.kind)) % 40 = k.bucket
						          AND (k.kind <> 'replied' OR o.variant = 1 OR abs(hashtext(o.id::text)) % 2 = 0))
						        OR (k.kind = 'replied' AND o.variant = 1 AND abs(hashtext(o.id::text || k.kind)) % 40 IN (5, 6)))""")
			.params(tag, ws)
			.update();
		// Some people reply twice (the second reply is not a new person).
		jdbc.sql(
				"""
						INSERT INTO analytics_events (source_id, workspace_id, campaign_id, step, variant, outbox_id, kind,
						    occurred_at, enrolment_id)
						SELECT source_id || '-again', workspace_id, campaign_id, step, variant, outbox_id, kind,
						    occurred_at + interval '5 hours', enrolment_id
						FROM analytics_events WHERE workspace_id = ? AND kind = 'replied' AND abs(hashtext(source_id)) % 3 = 0""")
			.param(ws)
			.update();
		// Every recipient is a contact (outbox.contact_id was written with the message),
		// added 10 days before the first send; a third are tagged "vip", a quarter are on
		// the list "Key accounts".
		jdbc.sql("""
				INSERT INTO contacts (id, workspace_id, email, tags, created_at)
				SELECT DISTINCT ON (enrolment_id) md5('contact' || enrolment_id)::uuid, workspace_id, to_address,
				    CASE WHEN abs(hashtext(enrolment_id::text)) % 3 = 0 THEN ARRAY['vip'] ELSE '{}'::text[] END,
				    ?::timestamptz - interval '10 days'
				FROM outbox WHERE workspace_id = ? ORDER BY enrolment_id""")
			.params(java.sql.Timestamp.from(start), ws)
			.update();
		UUID listId = UUID.randomUUID();
		jdbc.sql("INSERT INTO contact_lists (id, workspace_id, name, created_at) VALUES (?, ?, 'Key accounts', now())")
			.params(listId, ws)
			.update();
		jdbc.sql("""
				INSERT INTO contact_list_members (list_id, contact_id, workspace_id)
				SELECT ?, id, workspace_id FROM contacts WHERE workspace_id = ? AND abs(hashtext(email)) % 4 = 0""")
			.params(listId, ws)
			.update();
		return new Seeded(campaignA, campaignB, boxA, boxB, boxC, start, listId);
	}

	private static UUID box(Mailboxes mailboxes, Account account, String email) {
		return mailboxes
			.add(account.owner(), new NewMailbox(email, "S", "sandbox", null, null, "", "", null, null, null))
			.id();
	}

}
