package com.penguinmails.campaigns.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.Campaigns.Recipients;
import com.penguinmails.campaigns.internal.SendDiagnosis.Diagnosis;
import com.penguinmails.campaigns.internal.SendDiagnosis.Facts;
import com.penguinmails.campaigns.internal.SendDiagnosis.Kind;
import com.penguinmails.campaigns.internal.SendPlanner.PoolMailbox;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxPause;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Security;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a campaign is not sending, without a database or a clock: the window, the caps, the
 * campaign's limit, the domain pace, a paused mailbox, nobody left. Monday 2026-11-30.
 */
class SendDiagnosisTests {

	private static final Instant MONDAY_10 = Instant.parse("2026-11-30T10:00:00Z");

	private static final Recipients FORTY_FOUR = new Recipients(44, 0, 0);

	@Test
	void aRunningCampaignWithRoomSendsNowOrAfterItsMailboxsGap() {
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		Diagnosis now = SendDiagnosis.diagnose(facts(running(Schedule.defaults()), MONDAY_10, pool(sam, 0, null)));
		assertThat(now.sending()).isTrue();
		assertThat(now.nextSend()).isEqualTo(MONDAY_10);
		assertThat(now.reasons()).isEmpty();
		Diagnosis gap = SendDiagnosis
			.diagnose(facts(running(Schedule.defaults()), MONDAY_10, pool(sam, 3, MONDAY_10.minusSeconds(20))));
		// Its minimum gap is 60 s after its latest message.
		assertThat(gap.nextSend()).isEqualTo(MONDAY_10.plusSeconds(40));
	}

	@Test
	void outsideTheWindowSaysWhenItOpens() {
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		Instant saturday = Instant.parse("2026-12-05T10:00:00Z");
		Diagnosis diagnosis = SendDiagnosis.diagnose(facts(running(Schedule.defaults()), saturday, pool(sam, 0, null)));
		assertThat(diagnosis.sending()).isFalse();
		assertThat(diagnosis.nextSend()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
		assertThat(diagnosis.reasons()).singleElement().satisfies(r -> {
			assertThat(r.kind()).isEqualTo(Kind.OUTSIDE_WINDOW);
			assertThat(r.text()).isEqualTo("Outside the sending window: it opens at Mon 2026-12-07 09:00 UTC.");
		});
	}

	@Test
	void everyMailboxAtItsCapSaysWhenOneHasRoomAgain() {
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		Mailbox ann = mailbox("ann@us.test", 30, MailboxStatus.ACTIVE, null);
		Diagnosis diagnosis = SendDiagnosis.diagnose(facts(running(Schedule.defaults()), MONDAY_10,
				pool(sam, 30, MONDAY_10.minusSeconds(3600)), pool(ann, 30, MONDAY_10.minusSeconds(60))));
		assertThat(diagnosis.sending()).isFalse();
		assertThat(diagnosis.reasons()).extracting(SendDiagnosis.Reason::kind).containsExactly(Kind.DAILY_CAP);
		assertThat(diagnosis.nextSend()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
	}

	@Test
	void theCampaignsDailyLimitComesBeforeTheMailboxes() {
		Schedule limited = new Schedule("UTC", false, List.of(1, 2, 3, 4, 5), LocalTime.of(9, 0), LocalTime.of(17, 0),
				null, 10, 20);
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		Facts facts = facts(running(limited), MONDAY_10, pool(sam, 10, MONDAY_10.minusSeconds(600)));
		Facts atLimit = new Facts(facts.campaign(), facts.now(), false, facts.pool(), 10, FORTY_FOUR, 34, MONDAY_10,
				Set.of(), Map.of());
		assertThat(SendDiagnosis.diagnose(atLimit).reasons()).extracting(SendDiagnosis.Reason::kind)
			.containsExactly(Kind.CAMPAIGN_LIMIT);
	}

	@Test
	void dueRecipientsWhoseDomainHadItsPaceWaitForTheNextHour() {
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		Facts paced = new Facts(running(Schedule.defaults()), MONDAY_10, false, List.of(pool(sam, 20, null)), 20,
				FORTY_FOUR, 24, MONDAY_10, Set.of("gmail.com"), Map.of(sam.id(), Map.of("gmail.com", 20)));
		assertThat(SendDiagnosis.diagnose(paced).reasons()).extracting(SendDiagnosis.Reason::kind)
			.containsExactly(Kind.DOMAIN_PACE);
	}

	@Test
	void aPausedMailboxIsNamedWithWhyAndTheOnlyOneStopsTheCampaign() {
		Mailbox paused = mailbox("sam@us.test", 30, MailboxStatus.PAUSED, new MailboxPause(
				"Spam complaints: 1 for 200 sent in 30 days (0.50%, over 0.3%)", MailboxPause.AUTOMATIC, MONDAY_10));
		Diagnosis alone = SendDiagnosis.diagnose(facts(running(Schedule.defaults()), MONDAY_10, pool(paused, 0, null)));
		assertThat(alone.sending()).isFalse();
		assertThat(alone.pausedMailboxes()).singleElement()
			.satisfies(r -> assertThat(r.text())
				.isEqualTo("sam@us.test is paused: Spam complaints: 1 for 200 sent in 30 days (0.50%, over 0.3%)."));
		assertThat(alone.reasons()).extracting(SendDiagnosis.Reason::kind)
			.containsExactly(Kind.MAILBOX_PAUSED, Kind.NO_MAILBOX);
		// With another mailbox the campaign sends, and still names the paused one.
		Mailbox ann = mailbox("ann@us.test", 30, MailboxStatus.ACTIVE, null);
		Diagnosis withAnother = SendDiagnosis
			.diagnose(facts(running(Schedule.defaults()), MONDAY_10, pool(paused, 0, null), pool(ann, 0, null)));
		assertThat(withAnother.sending()).isTrue();
		assertThat(withAnother.pausedMailboxes()).hasSize(1);
	}

	@Test
	void everyRecipientDoneSaysSo() {
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		Facts done = new Facts(running(Schedule.defaults()), MONDAY_10, false, List.of(pool(sam, 0, null)), 0,
				new Recipients(0, 40, 4), 0, null, Set.of(), Map.of());
		assertThat(SendDiagnosis.diagnose(done).reasons()).singleElement()
			.satisfies(r -> assertThat(r.text()).isEqualTo("Every recipient is done: 40 completed, 4 stopped."));
	}

	@Test
	void nobodyDueWaitsForTheNextStepInTheWindow() {
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		// Due on Monday at 20:00, after the window: the next send is Tuesday 09:00.
		Facts waiting = new Facts(running(Schedule.defaults()), MONDAY_10, false, List.of(pool(sam, 0, null)), 0,
				FORTY_FOUR, 0, Instant.parse("2026-11-30T20:00:00Z"), Set.of(), Map.of());
		Diagnosis diagnosis = SendDiagnosis.diagnose(waiting);
		assertThat(diagnosis.reasons()).extracting(SendDiagnosis.Reason::kind).containsExactly(Kind.WAITING_FOR_STEP);
		assertThat(diagnosis.nextSend()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
	}

	@Test
	void theWorkspaceSwitchAndThePausedCampaignComeFirst() {
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		Facts facts = facts(running(Schedule.defaults()), MONDAY_10, pool(sam, 0, null));
		Facts switchedOff = new Facts(facts.campaign(), MONDAY_10, true, facts.pool(), 0, FORTY_FOUR, 44, MONDAY_10,
				Set.of(), Map.of());
		assertThat(SendDiagnosis.diagnose(switchedOff).reasons()).extracting(SendDiagnosis.Reason::kind)
			.containsExactly(Kind.WORKSPACE_PAUSED);
		Campaign paused = withStatus(facts.campaign(), CampaignStatus.PAUSED);
		assertThat(SendDiagnosis
			.diagnose(
					new Facts(paused, MONDAY_10, false, facts.pool(), 0, FORTY_FOUR, 44, MONDAY_10, Set.of(), Map.of()))
			.reasons()).extracting(SendDiagnosis.Reason::kind).containsExactly(Kind.CAMPAIGN_PAUSED);
	}

	static Facts facts(Campaign campaign, Instant now, PoolMailbox... pool) {
		return new Facts(campaign, now, false, List.of(pool), 0, FORTY_FOUR, 44, now, Set.of("client.test"), Map.of());
	}

	static Campaign running(Schedule schedule) {
		return new Campaign(UUID.randomUUID(), "Test", CampaignStatus.RUNNING, schedule, Campaign.Stops.defaults(),
				Campaign.Tracking.off(), List.of(),
				List.of(new Step(0, false, List.of(new Variant("Hi", "<p>Hi</p>", null))),
						new Step(2 * 24 * 60, false, List.of(new Variant("Hi", "<p>Again</p>", null)))),
				MONDAY_10, MONDAY_10);
	}

	static Campaign withStatus(Campaign c, CampaignStatus status) {
		return new Campaign(c.id(), c.name(), status, c.schedule(), c.stops(), c.tracking(), c.mailboxIds(), c.steps(),
				c.createdAt(), c.launchedAt());
	}

	static Mailbox mailbox(String email, int dailyCap, MailboxStatus status, MailboxPause pause) {
		return new Mailbox(UUID.randomUUID(), email, "", "smtp.us.test", 587, Security.STARTTLS, email, "imap.us.test",
				993, Security.TLS, email, "", null, dailyCap, 60, 300, status, null, null, MONDAY_10, true, pause);
	}

	static PoolMailbox pool(Mailbox mailbox, int sentToday, Instant lastSentAt) {
		return new PoolMailbox(mailbox, sentToday, lastSentAt, Map.of());
	}

}
