package com.penguinmails.campaigns.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.internal.SendEstimate.Estimate;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;

import static com.penguinmails.campaigns.internal.SendDiagnosisTests.mailbox;
import static com.penguinmails.campaigns.internal.SendDiagnosisTests.running;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before launch: how long the first step takes at the pool's caps and gaps, the
 * campaign's limit and window. Monday 2026-11-30 10:00 UTC is the launch.
 */
class SendEstimateTests {

	private static final Instant MONDAY_10 = Instant.parse("2026-11-30T10:00:00Z");

	@Test
	void fortyFourRecipientsAtThirtyADayTakeTwoDays() {
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		Estimate estimate = SendEstimate.estimate(running(Schedule.defaults()), List.of(sam), 44, MONDAY_10);
		assertThat(estimate.perDay()).isEqualTo(30);
		// Monday 10:00-17:00 is 7/8 of a day's window (26 messages); Tuesday sends the 18
		// others before 17:00.
		assertThat(estimate.days()).isEqualTo(2);
		assertThat(estimate.firstStepDone()).isBetween(Instant.parse("2026-12-01T09:00:00Z"),
				Instant.parse("2026-12-01T17:00:00Z"));
		// The second step is two days after the first.
		assertThat(estimate.sequenceDone()).isEqualTo(estimate.firstStepDone().plusSeconds(2 * 24 * 3600));
		assertThat(estimate.takesLong()).isFalse();
	}

	@Test
	void theGapBoundsAMailboxAndTheDailyLimitBoundsTheCampaign() {
		// 60-300 s apart (180 s on average) in an 8-hour window: about 161 a day, under
		// a cap of 1,000.
		Mailbox fast = mailbox("sam@us.test", 1000, MailboxStatus.ACTIVE, null);
		assertThat(SendEstimate.perDay(running(Schedule.defaults()), List.of(fast))).isEqualTo(161);
		Schedule limited = new Schedule("UTC", false, List.of(1, 2, 3, 4, 5), LocalTime.of(9, 0), LocalTime.of(17, 0),
				null, 20, 20);
		assertThat(SendEstimate.perDay(running(limited), List.of(fast))).isEqualTo(20);
	}

	@Test
	void aLongCampaignWarnsAndWeekendsCount() {
		Mailbox sam = mailbox("sam@us.test", 30, MailboxStatus.ACTIVE, null);
		Campaign campaign = running(Schedule.defaults());
		Estimate thousand = SendEstimate.estimate(campaign, List.of(sam), 1000, MONDAY_10);
		// 34 sending days at 30 a day is seven weeks of weekdays.
		assertThat(thousand.days()).isGreaterThan(40);
		assertThat(thousand.takesLong()).isTrue();
	}

	@Test
	void noActiveMailboxNeverSends() {
		Mailbox paused = mailbox("sam@us.test", 30, MailboxStatus.PAUSED, null);
		Estimate estimate = SendEstimate.estimate(running(Schedule.defaults()), List.of(paused), 44, MONDAY_10);
		assertThat(estimate.perDay()).isZero();
		assertThat(estimate.firstStepDone()).isNull();
		assertThat(estimate.takesLong()).isTrue();
	}

}
