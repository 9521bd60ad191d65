package com.penguinmails.reputation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.Subject;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.arf;
import static com.penguinmails.inbound.InboundFixtures.deliverRaw;
import static com.penguinmails.inbound.InboundFixtures.dsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The timeline's figures built through the real features (a campaign sent through
 * GreenMail, a DSN and an ARF report read back by the inbound sync) equal direct counts;
 * another source's figures (the test-only source) show and join the score; scores stored
 * per day raise an alert on a drop.
 */
@IntegrationTest
class ReputationTimelineTests {

	@Autowired
	ReputationTimeline timeline;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	InboundSync sync;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TestDailySource source;

	@Autowired
	Alerts alerts;

	static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	@Test
	void sentDeliveredBouncesAndComplaintsEqualTheOutboxAndInboundCounts() throws Exception {
		Sender sender = inbound.sender("rep-figures");
		UUID workspace = sender.account().workspaceId();
		String bouncer = Fixtures.uniqueEmail("rep-bounce");
		String complainer = Fixtures.uniqueEmail("rep-complain");
		Campaign campaign = inbound.sendTo(sender,
				List.of(Fixtures.uniqueEmail("rep-a"), Fixtures.uniqueEmail("rep-b"), bouncer, complainer),
				Campaign.Tracking.off(), "<p>Hi</p>");
		Map<String, UUID> ids = new HashMap<>();
		Map<String, String> messageIds = new HashMap<>();
		fixtures.jdbc()
			.sql("SELECT to_address, id, message_id FROM outbox WHERE campaign_id = ? AND step = 0")
			.param(campaign.id())
			.query(rs -> {
				ids.put(rs.getString(1), rs.getObject(2, UUID.class));
				messageIds.put(rs.getString(1), rs.getString(3));
			});
		String mailbox = sender.mailbox().email();
		deliverRaw(sender.user(), dsn(mailbox, bouncer, "failed", "5.1.1", "550 5.1.1 User unknown", ids.get(bouncer),
				messageIds.get(bouncer)));
		deliverRaw(sender.user(), arf(mailbox, complainer, ids.get(complainer), messageIds.get(complainer)));
		assertThat(sync.sync(workspace, sender.mailbox().id()).stored()).isEqualTo(2);

		LocalDate sentDay = fixtures.jdbc()
			.sql("SELECT (max(sent_at) AT TIME ZONE 'UTC')::date FROM outbox WHERE campaign_id = ?")
			.param(campaign.id())
			.query(java.sql.Date.class)
			.single()
			.toLocalDate();
		long sent = count("SELECT count(*) FROM outbox WHERE workspace_id = ? AND status = 'sent'", workspace);
		long bounces = count("SELECT count(*) FROM inbound_messages WHERE workspace_id = ? AND kind = 'bounce'",
				workspace);
		long complaints = count("SELECT count(*) FROM inbound_messages WHERE workspace_id = ? AND kind = 'complaint'",
				workspace);
		assertThat(sent).isEqualTo(4);
		assertThat(bounces).isEqualTo(1);
		assertThat(complaints).isEqualTo(1);

		for (String[] subject : List.of(new String[] { "mailbox", sender.mailbox().id().toString() },
				new String[] { "domain", mailbox.substring(mailbox.indexOf('@') + 1) },
				new String[] { "ip", "127.0.0.1" })) {
			ReputationTimeline.Timeline t = timeline.timeline(sender.account().owner(), subject[0], subject[1], 7,
					today());
			// The bounce and the complaint come in today; the messages went out an hour
			// ago.
			assertThat(value(t, sentDay, DailyFigure.SENT)).as(subject[0]).isEqualTo(sent);
			assertThat(value(t, sentDay, DailyFigure.DELIVERED)).as(subject[0]).isEqualTo(sent - bounces);
			assertThat(value(t, today(), "bounced:user_unknown")).as(subject[0]).isEqualTo(bounces);
			assertThat(value(t, today(), DailyFigure.COMPLAINTS)).as(subject[0]).isEqualTo(complaints);
			// 1 of 4 bounced is no rate: under 100 sent both parts are shown, not rated,
			// and with no other part there is no score.
			assertThat(t.current()).isNull();
			assertThat(t.days().get(6).score()).isNull();
		}
		assertThat(timeline.overview(sender.account().owner(), today()))
			.extracting(ReputationTimeline.Summary::kind, ReputationTimeline.Summary::label)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("domain", mailbox.substring(mailbox.indexOf('@') + 1)),
					org.assertj.core.groups.Tuple.tuple("ip", "127.0.0.1"),
					org.assertj.core.groups.Tuple.tuple("mailbox", mailbox));
	}

	@Test
	void anotherSourcesFiguresShowAndJoinTheScoreByTheirNames() {
		Sender sender = inbound.sender("rep-other-source");
		UUID workspace = sender.account().workspaceId();
		String domain = "reported-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		source.put(workspace, Subject.domain(domain), today(), DailyFigure.DMARC_MESSAGES, 400, null);
		source.put(workspace, Subject.domain(domain), today(), DailyFigure.DMARC_PASS_RATE, 0.75, null);
		source.put(workspace, Subject.domain(domain), today().minusDays(1), DailyFigure.POSTMASTER_DOMAIN_REPUTATION, 3,
				"MEDIUM");
		source.put(workspace, Subject.domain(domain), today(), "custom_figure", 7, "seven");
		source.put(workspace, Subject.ip("192.0.2.77"), today(), DailyFigure.SNDS_COLOUR, 1, "RED");

		ReputationTimeline.Timeline t = timeline.timeline(sender.account().owner(), "domain", domain, 7, today());
		// The score's main figures first (DMARC pass rate before the message counts).
		assertThat(t.names()).containsExactly(DailyFigure.DMARC_PASS_RATE, DailyFigure.DMARC_MESSAGES,
				DailyFigure.POSTMASTER_DOMAIN_REPUTATION, "custom_figure");
		assertThat(t.days().get(6).figures().get("custom_figure").text()).isEqualTo("seven");
		// DMARC 10 × 0.75 = 7.5; Postmaster MEDIUM 10 × 2 / 3 = 6.67; (7.5 + 6.67) / 20.
		assertThat(t.current().parts()).extracting(ReputationScore.Part::key, ReputationScore.Part::points)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("dmarc", 7.5),
					org.assertj.core.groups.Tuple.tuple("postmaster_reputation", 6.67));
		assertThat(t.current().score()).isEqualTo(71);
		assertThat(timeline.timeline(sender.account().owner(), "ip", "192.0.2.77", 7, today()).current().score())
			.isZero();
		assertThat(timeline.overview(sender.account().owner(), today())).extracting(ReputationTimeline.Summary::key)
			.contains(domain, "192.0.2.77");
		// Another workspace sees none of it.
		Sender stranger = inbound.sender("rep-stranger");
		assertThatThrownBy(() -> timeline.timeline(stranger.account().owner(), "domain", domain, 7, today()))
			.isInstanceOf(com.penguinmails.shared.NotFoundProblem.class);
	}

	@Test
	void aScoreThatDropsFromOneStoredDayToTheNextRaisesAnAlert() {
		Sender sender = inbound.sender("rep-drop");
		UUID workspace = sender.account().workspaceId();
		String domain = "dropping-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		LocalDate day = LocalDate.of(2026, 3, 2);
		source.put(workspace, Subject.domain(domain), day.minusDays(1), DailyFigure.POSTMASTER_DOMAIN_REPUTATION, 4,
				"HIGH");
		source.put(workspace, Subject.domain(domain), day, DailyFigure.POSTMASTER_DOMAIN_REPUTATION, 2, "LOW");
		Instant now = Instant.parse("2026-03-03T00:05:00Z");
		assertThat(timeline.scoreDay(workspace, day.minusDays(1), now)).isEqualTo(1);
		assertThat(timeline.scoreDay(workspace, day, now)).isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT score FROM reputation_scores WHERE workspace_id = ? AND subject_key = ? ORDER BY day")
			.params(workspace, domain)
			.query(Integer.class)
			.list()).containsExactly(100, 33);
		await().untilAsserted(() -> assertThat(alerts.recent(sender.account().owner(), 10)).extracting(Alert::title)
			.containsExactly("Reputation of the domain " + domain + " fell from 100 to 33"));
		Alert alert = alerts.recent(sender.account().owner(), 10).get(0);
		assertThat(alert.severity()).isEqualTo("critical");
		assertThat(alert.body()).contains("Worst part: Postmaster reputation: LOW.");
		assertThat(alert.link()).isEqualTo("/reputation/domain/" + domain);
		ReputationTimeline.Timeline t = timeline.timeline(sender.account().owner(), "domain", domain, 2, day);
		assertThat(t.days()).extracting(ReputationTimeline.Day::stored).containsExactly(100, 33);
	}

	@Test
	void aMalformedSubjectIsInvalidInputAndAnUnknownOneNotFound() {
		Sender sender = inbound.sender("rep-bad-input");
		var owner = sender.account().owner();
		for (String[] bad : List.of(new String[] { "domain", "not a domain" }, new String[] { "ip", "300.1" },
				new String[] { "ip", "example.com" }, new String[] { "mailbox", "42" },
				new String[] { "planet", "x" })) {
			assertThatThrownBy(() -> timeline.timeline(owner, bad[0], bad[1], 7, today())).as(bad[1])
				.isInstanceOf(com.penguinmails.shared.InvalidInputProblem.class);
		}
		assertThatThrownBy(() -> timeline.timeline(owner, "mailbox", sender.mailbox().id().toString(), 0, today()))
			.isInstanceOf(com.penguinmails.shared.InvalidInputProblem.class);
		assertThatThrownBy(() -> timeline.timeline(owner, "domain", "nobody-sends-here.test", 7, today()))
			.isInstanceOf(com.penguinmails.shared.NotFoundProblem.class);
	}

	private long count(String sql, UUID workspace) {
		return fixtures.jdbc().sql(sql).param(workspace).query(Long.class).single();
	}

	private static long value(ReputationTimeline.Timeline t, LocalDate day, String name) {
		return t.days()
			.stream()
			.filter(d -> d.day().equals(day))
			.findFirst()
			.map(d -> d.figures().get(name))
			.map(f -> (long) f.value())
			.orElse(0L);
	}

}
