package com.penguinmails.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.warmup.WarmupSchedule.Preset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule against real rows: the days view counts what the pool and the receiving
 * side recorded, the closed loop steps a mailbox back on spam placement and resumes after
 * clean days, and new mailboxes warm by default when the workspace wants it.
 */
@IntegrationTest
class WarmupScheduleTests {

	/** Day 1 of the ramp in these tests, a Monday. */
	private static final LocalDate START = LocalDate.of(2026, 3, 2);

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Warmup warmup;

	@Autowired
	WarmupDays days;

	@Autowired
	WarmupRamp ramp;

	private static Instant at(LocalDate day, int hour) {
		return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
	}

	/**
	 * {@code count} messages of day {@code day} from {@code from}, {@code spam} of them
	 * found in spam.
	 */
	private void sent(Account account, UUID from, Account peerAccount, UUID to, LocalDate day, int count, int spam) {
		for (int i = 0; i < count; i++) {
			WarmupTestData.sent(fixtures.jdbc(), account, from, peerAccount, to, "initial", day, at(day, 10 + i % 8),
					i < spam ? Placement.SPAM : Placement.INBOX, false);
		}
	}

	@Test
	void daysViewShowsPlanBesideWhatWasDoneAndPartnersCountOnlyRealExchanges() {
		Account account = fixtures.verifiedAccount("warm-days");
		Account other = fixtures.verifiedAccount("warm-days-peer");
		Mailbox sam = WarmupTestData.mailbox(mailboxes, account, "sam");
		Mailbox peer = WarmupTestData.mailbox(mailboxes, other, "peer");
		Mailbox silent = WarmupTestData.mailbox(mailboxes, other, "silent");
		warmup.update(account.owner(), sam.id(), MailboxWarmupChanges.enabled(true), at(START, 9));
		LocalDate day2 = START.plusDays(1);
		sent(account, sam.id(), other, peer.id(), day2, 5, 2);
		WarmupTestData.sent(fixtures.jdbc(), account, sam.id(), other, peer.id(), "reply", day2, at(day2, 15),
				Placement.OTHER, false);
		WarmupTestData.sent(fixtures.jdbc(), other, peer.id(), account, sam.id(), "initial", day2, at(day2, 11),
				Placement.SPAM, true);
		// Planned but never sent: no partner.
		fixtures.jdbc()
			.sql("""
					INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, sender_workspace_id,
					    sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id, subject, body, day, due_at)
					VALUES (?, 'wu-aaaaaaaaaaa2', ?, ?, 'initial', ?, ?, ?, ?, 's', 'b', ?, ?)""")
			.params(UUID.randomUUID(), "<" + UUID.randomUUID() + "@warm.test>", UUID.randomUUID(), other.workspaceId(),
					silent.id(), account.workspaceId(), sam.id(), java.sql.Date.valueOf(day2),
					java.sql.Timestamp.from(at(day2, 12)))
			.update();

		List<WarmupDay> view = days.days(account.owner(), sam.id(), START, START.plusDays(2), at(day2, 20));
		assertThat(view).extracting(WarmupDay::planned).containsExactly(3, 5, 7);
		WarmupDay second = view.get(1);
		assertThat(second.sent()).isEqualTo(5);
		assertThat(second.repliesSent()).isEqualTo(1);
		assertThat(second.received()).isEqualTo(1);
		assertThat(second.inbox()).isEqualTo(3);
		assertThat(second.spam()).isEqualTo(2);
		assertThat(second.other()).isEqualTo(1);
		assertThat(second.rescued()).isEqualTo(1);
		assertThat(view.get(0).sent()).isZero();

		MailboxWarmup shown = warmup.mailbox(account.owner(), sam.id(), at(day2, 20));
		assertThat(shown.partners()).isEqualTo(1);
		assertThat(shown.sentToday()).isEqualTo(5);
		assertThat(shown.plannedToday()).isEqualTo(5);
		assertThat(shown.stageLabel()).isEqualTo("Day 2 of ramp");
	}

	@Test
	void spamPlacementStepsBackAndHoldsThenCleanDaysResume() {
		Account account = fixtures.verifiedAccount("warm-loop");
		Account other = fixtures.verifiedAccount("warm-loop-peer");
		Mailbox sam = WarmupTestData.mailbox(mailboxes, account, "loop");
		Mailbox peer = WarmupTestData.mailbox(mailboxes, other, "peer");
		warmup.update(account.owner(), sam.id(), MailboxWarmupChanges.enabled(true), at(START, 9));
		// Days 3-5: 30 % in spam (threshold 20 %).
		for (int d = 2; d <= 4; d++) {
			sent(account, sam.id(), other, peer.id(), START.plusDays(d), 10, 3);
		}
		LocalDate day5 = START.plusDays(4);
		ramp.adjust(day5, at(day5, 23));
		MailboxWarmup held = warmup.mailbox(account.owner(), sam.id(), at(day5, 23));
		assertThat(held.rampPercent()).isEqualTo(75);
		assertThat(held.holdingSince()).isEqualTo(day5);
		assertThat(held.stageLabel()).isEqualTo("Holding at 75 %");
		// Day 5 = 11 at 75 % = 8; the hold keeps day 5's volume after it.
		assertThat(held.plannedToday()).isEqualTo(8);
		ramp.adjust(day5, at(day5, 23));
		assertThat(warmup.mailbox(account.owner(), sam.id(), at(day5, 23)).rampPercent()).as("once a day")
			.isEqualTo(75);

		// Day 6 still sees the spam of days 4-5: it holds, no second step back within 3
		// days.
		sent(account, sam.id(), other, peer.id(), START.plusDays(5), 10, 0);
		ramp.adjust(START.plusDays(5), at(START.plusDays(5), 23));
		assertThat(warmup.mailbox(account.owner(), sam.id(), at(START.plusDays(5), 23)).rampPercent()).isEqualTo(75);
		assertThat(warmup.mailbox(account.owner(), sam.id(), at(START.plusDays(9), 12)).plannedToday()).isEqualTo(8);

		// Days 7-8 clean too: days 6-8 have no spam, the loop resumes at 100 %.
		sent(account, sam.id(), other, peer.id(), START.plusDays(6), 10, 0);
		sent(account, sam.id(), other, peer.id(), START.plusDays(7), 10, 0);
		LocalDate day8 = START.plusDays(7);
		ramp.adjust(day8, at(day8, 23));
		MailboxWarmup resumed = warmup.mailbox(account.owner(), sam.id(), at(day8, 23));
		assertThat(resumed.rampPercent()).isEqualTo(100);
		assertThat(resumed.holdingSince()).isNull();
		assertThat(resumed.stageLabel()).isEqualTo("Day 8 of ramp");

		List<WarmupDay> view = days.days(account.owner(), sam.id(), START.plusDays(3), day8, at(day8, 23));
		// A change decided on a day (from its placements) applies from the next day's
		// plan.
		assertThat(view.get(1).notes()).containsExactly("Stepped back to 75 %: 9 of 30 in spam");
		assertThat(view.get(1).rampPercent()).isEqualTo(100);
		assertThat(view.get(2).rampPercent()).isEqualTo(75);
		assertThat(view.get(4).notes()).containsExactly("Resumed: 0 of 30 in spam");
		assertThat(view.get(4).rampPercent()).isEqualTo(75);
		assertThat(days.days(account.owner(), sam.id(), day8.plusDays(1), day8.plusDays(1), at(day8, 23)))
			.singleElement()
			.satisfies(day -> assertThat(day.rampPercent()).isEqualTo(100));
	}

	@Test
	void newMailboxesWarmWithTheDefaultPresetWhenTheWorkspaceWantsIt() {
		Account account = fixtures.verifiedAccount("warm-new");
		Mailbox before = WarmupTestData.mailbox(mailboxes, account, "before");
		// Its MailboxConnected is handled after the commit: let it be, before the setting
		// changes, or it would read the new setting.
		fixtures.awaitEvents("WarmupEvents");
		warmup.updateSettings(account.owner(), new WarmupSettings.Changes(null, true, "aggressive", null));
		Mailbox after = WarmupTestData.mailbox(mailboxes, account, "after");
		fixtures.awaitEvents("WarmupEvents");
		Instant now = Instant.now();
		MailboxWarmup warmed = warmup.mailbox(account.owner(), after.id(), now);
		assertThat(warmed.enabled()).isTrue();
		assertThat(warmed.schedule().preset()).isEqualTo(Preset.AGGRESSIVE);
		assertThat(warmed.startedOn()).isEqualTo(LocalDate.ofInstant(now, ZoneOffset.UTC));
		assertThat(warmup.mailbox(account.owner(), before.id(), now).enabled()).isFalse();
	}

}
