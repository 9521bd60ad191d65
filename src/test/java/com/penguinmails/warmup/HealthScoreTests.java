package com.penguinmails.warmup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthScoreTests {

	@Test
	void everythingInTheInboxWithCleanDnsAndNoCampaignMailScoresFull() {
		assertThat(new HealthScore(20, 0, 0, 0, 0, 0, true, true, true).score()).contains(100);
	}

	@Test
	void placementCountsOtherFoldersHalfAndSpamAndMissingNothing() {
		// 70 × (15 + 0.5 × 1) / 20 = 54.25, + 15 DNS + 10 + 5 = 84.25
		HealthScore parts = new HealthScore(15, 3, 1, 1, 0, 0, true, true, true);
		assertThat(parts.placementPoints()).isEqualTo(54.25);
		assertThat(parts.score()).contains(84);
		assertThat(parts.inboxPercent()).isEqualTo(75);
	}

	@Test
	void eachDnsCheckIsFivePointsAndNamesWhatFails() {
		HealthScore parts = new HealthScore(10, 0, 0, 0, 0, 0, true, false, false);
		assertThat(parts.dnsPoints()).isEqualTo(5);
		assertThat(parts.dnsMissing()).containsExactly("DKIM", "DMARC");
		assertThat(parts.score()).contains(90);
	}

	@Test
	void bouncesCostUpToTenPointsReachingZeroAtFivePercent() {
		assertThat(new HealthScore(1, 0, 0, 0, 0.025, 0, true, true, true).bouncePoints()).isEqualTo(5.0);
		assertThat(new HealthScore(1, 0, 0, 0, 0.05, 0, true, true, true).bouncePoints()).isZero();
		assertThat(new HealthScore(1, 0, 0, 0, 0.20, 0, true, true, true).score()).contains(90);
	}

	@Test
	void complaintsCostUpToFivePointsReachingZeroAtPointThreePercent() {
		assertThat(new HealthScore(1, 0, 0, 0, 0, 0.0015, true, true, true).complaintPoints()).isEqualTo(2.5);
		assertThat(new HealthScore(1, 0, 0, 0, 0, 0.003, true, true, true).score()).contains(95);
	}

	@Test
	void noKnownPlacementIsNotMeasuredYet() {
		assertThat(new HealthScore(0, 0, 0, 0, 0, 0, true, true, true).score()).isEmpty();
	}

	@Test
	void everythingInSpamWithNoDnsAndHeavyBouncesIsZero() {
		assertThat(new HealthScore(0, 5, 0, 5, 0.5, 0.5, false, false, false).score()).contains(0);
	}

}
