package com.penguinmails.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panel's sources read once each (bench/campaign-figures.sh): the outbox's outcomes
 * per step summed over the hours they were sent in, the chart's sends per hour without
 * the hours of refusals only, people and messages counted once however many rows they
 * have. Rows are written as the bench writes them, so the figures are known exactly.
 */
@IntegrationTest
class CampaignFiguresSourcesTests {

	private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignStats stats;

	@Test
	void eachSourceCountsMessagesAndPeopleOnceAcrossHoursAndRows() {
		Account account = fixtures.verifiedAccount("figures-sources");
		UUID box = mailboxes
			.add(account.owner(),
					new NewMailbox("sender@figures-sources.test", "S", "sandbox", null, null, "", "", null, null, null))
			.id();
		UUID campaign = campaigns.create(account.owner(), new Draft("Sources", null, null, List.of(box), null)).id();
		UUID ann = UUID.randomUUID();
		UUID bob = UUID.randomUUID();
		UUID cat = UUID.randomUUID();
		// Step 0: Ann at 09:10 and Bob at 10:20 (two hours); Cat refused at 11:05 (her
		// only hour); step 1: Ann again at 09:40; a suppressed message is never counted.
		UUID ann0 = message(account.workspaceId(), campaign, box, ann, 0, "sent", null, T0.plusSeconds(600));
		UUID bob0 = message(account.workspaceId(), campaign, box, bob, 0, "sent", null, T0.plusSeconds(80 * 60));
		message(account.workspaceId(), campaign, box, cat, 0, "failed", "hard_bounce", T0.plusSeconds(125 * 60));
		UUID ann1 = message(account.workspaceId(), campaign, box, ann, 1, "sent", null, T0.plusSeconds(40 * 60));
		message(account.workspaceId(), campaign, box, bob, 1, "failed", "suppressed", null);
		// Ann opens her first message twice (person), Bob's is opened by a proxy only,
		// Ann clicks her second twice, once through a scanner.
		open(account.workspaceId(), campaign, ann, ann0, 0, "open", false);
		open(account.workspaceId(), campaign, ann, ann0, 0, "open", false);
		open(account.workspaceId(), campaign, bob, bob0, 0, "open", true);
		open(account.workspaceId(), campaign, ann, ann1, 1, "click", true);
		open(account.workspaceId(), campaign, ann, ann1, 1, "click", false);

		CampaignStats.Stats figures = stats.of(account.owner(), campaign);

		assertThat(figures.totals().sent()).isEqualTo(4);
		assertThat(figures.totals().bouncedHard()).isEqualTo(1);
		assertThat(figures.steps()).hasSize(2);
		assertThat(figures.steps().get(0).figures().sent()).isEqualTo(3);
		assertThat(figures.steps().get(0).variants()).hasSize(1);
		assertThat(figures.steps().get(1).figures().sent()).isEqualTo(1);
		assertThat(figures.totals().opened()).isEqualTo(2);
		assertThat(figures.totals().openedHuman()).isEqualTo(1);
		assertThat(figures.totals().clicked()).isEqualTo(1);
		assertThat(figures.totals().clickedHuman()).isEqualTo(1);
		assertThat(figures.people().contacted()).isEqualTo(3);
		assertThat(figures.people().bounced()).isEqualTo(1);
		assertThat(figures.people().opened()).isEqualTo(new Measures.Split(1, 1, 2));
		assertThat(figures.people().clicked()).isEqualTo(new Measures.Split(1, 0, 1));
		// Sends per hour: 09:00 two (Ann's both), 10:00 one (Bob); 11:00 had a refusal
		// only.
		assertThat(figures.chart().unit()).isEqualTo("hour");
		assertThat(figures.chart().points()).hasSize(24);
		assertThat(figures.chart().points().get(0).at()).isEqualTo(T0);
		assertThat(figures.chart().points().stream().mapToLong(Chart.Point::sent).toArray()).startsWith(2, 1, 0, 0);
	}

	private UUID message(UUID workspace, UUID campaign, UUID box, UUID enrolment, int step, String status,
			String failure, Instant sentAt) {
		UUID id = UUID.randomUUID();
		fixtures.jdbc()
			.sql("""
					INSERT INTO outbox (id, workspace_id, campaign_id, enrolment_id, step, variant, mailbox_id, to_address,
					    to_domain, subject, html, text, message_id, status, failure, not_before, created_at, sent_at)
					VALUES (?, ?, ?, ?, ?, 0, ?, ?, 'client.test', 'Hello', '', '', ?, ?, ?, ?, ?, ?)""")
			.params(id, workspace, campaign, enrolment, step, box, enrolment + "@client.test",
					"<" + id + "@sources.test>", status, failure, java.sql.Timestamp.from(T0),
					java.sql.Timestamp.from(T0), sentAt == null ? null : java.sql.Timestamp.from(sentAt))
			.update();
		return id;
	}

	private void open(UUID workspace, UUID campaign, UUID enrolment, UUID outbox, int step, String kind,
			boolean machine) {
		fixtures.jdbc()
			.sql("""
					INSERT INTO tracking_events (id, workspace_id, campaign_id, enrolment_id, outbox_id, step, variant, kind,
					    url, occurred_at, machine, client)
					VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'Gmail')""")
			.params(workspace, campaign, enrolment, outbox, step, kind, "click".equals(kind) ? "https://x.test/" : null,
					java.sql.Timestamp.from(T0.plusSeconds(3 * 3600)), machine)
			.update();
	}

}
