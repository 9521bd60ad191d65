package com.penguinmails.reputation.internal.timeline;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.reputation.ReputationScore;

import static org.assertj.core.api.Assertions.assertThat;

/** The score's rules, part by part, and the renormalisation when parts lack data. */
class ScoreRulesTests {

	static final LocalDate DAY = LocalDate.of(2026, 5, 10);

	static DailyFigure f(int daysBefore, String name, double value) {
		return new DailyFigure(DAY.minusDays(daysBefore), name, value, null);
	}

	@Test
	void noFiguresNoScore() {
		assertThat(ScoreRules.score(List.of())).isEmpty();
	}

	@Test
	void bouncesAndComplaintsCountOverTheWindowAndTheOtherPartsAreLeftOut() {
		// 200 sent, 4 bounced (2 %): 20 × (1 − 0.02 / 0.05) = 12; no complaint: 15.
		ReputationScore score = ScoreRules.score(List.of(f(0, DailyFigure.SENT, 100), f(3, DailyFigure.SENT, 100),
				f(0, "bounced:user_unknown", 3), f(2, "bounced:blocked", 1)))
			.orElseThrow();
		assertThat(score.parts()).extracting(ReputationScore.Part::key).containsExactly("bounces", "complaints");
		assertThat(score.parts().get(0).points()).isEqualTo(12.0);
		assertThat(score.parts().get(0).figure()).isEqualTo("4 of 200 sent bounced (2.0 %)");
		assertThat(score.parts().get(1).points()).isEqualTo(15.0);
		// (12 + 15) / 35 = 77.1 %
		assertThat(score.score()).isEqualTo(77);
		assertThat(score.worst()).map(ReputationScore.Part::key).contains("bounces");
	}

	@Test
	void levelsTakeTheLatestDayOfTheWindow() {
		ReputationScore score = ScoreRules.score(List.of(f(5, DailyFigure.POSTMASTER_DOMAIN_REPUTATION, 4),
				f(1, DailyFigure.POSTMASTER_DOMAIN_REPUTATION, 2), f(2, DailyFigure.BLOCKLIST_LISTINGS, 1),
				f(0, DailyFigure.BLOCKLIST_LISTINGS, 0)))
			.orElseThrow();
		// LOW: 10 × 1 / 3 = 3.33; not listed today: 15; (3.33 + 15) / 25.
		assertThat(score.parts()).extracting(ReputationScore.Part::points).containsExactly(15.0, 3.33);
		assertThat(score.score()).isEqualTo(73);
	}

	@Test
	void everyPartWithDataCountsWithItsWeight() {
		ReputationScore score = ScoreRules.score(List.of(f(0, DailyFigure.SENT, 1000), f(0, DailyFigure.COMPLAINTS, 3),
				f(0, DailyFigure.WARMUP_HEALTH, 80), f(0, DailyFigure.BLOCKLIST_LISTINGS, 2),
				f(0, DailyFigure.DMARC_MESSAGES, 300), f(0, DailyFigure.DMARC_PASS_RATE, 0.9),
				f(1, DailyFigure.DMARC_MESSAGES, 100), f(1, DailyFigure.DMARC_PASS_RATE, 0.5),
				f(0, DailyFigure.POSTMASTER_IP_REPUTATION, 4), f(0, DailyFigure.POSTMASTER_SPAM_RATE, 0.0015),
				f(0, DailyFigure.SNDS_COLOUR, 2)))
			.orElseThrow();
		assertThat(score.parts()).extracting(ReputationScore.Part::key)
			.containsExactly("bounces", "complaints", "warmup", "blocklists", "dmarc", "postmaster_reputation",
					"postmaster_spam_rate", "snds");
		// 20 + 15 × (1 − 0.003 / 0.003) = 0 + 12 + 0 + 10 × (270 + 50) / 400 = 8 + 10 + 5
		// + 2.5
		assertThat(score.parts()).extracting(ReputationScore.Part::points)
			.containsExactly(20.0, 0.0, 12.0, 0.0, 8.0, 10.0, 5.0, 2.5);
		assertThat(score.score()).isEqualTo(58);
		assertThat(score.parts().stream().mapToInt(ReputationScore.Part::weight).sum()).isEqualTo(100);
	}

	@Test
	void figuresOutsideTheWindowAreTheCallersToLeaveOut() {
		List<DailyFigure> figures = List.of(f(7, DailyFigure.WARMUP_HEALTH, 10), f(0, DailyFigure.WARMUP_HEALTH, 90));
		assertThat(TimelineReader.scoreOn(figures, DAY)).map(ReputationScore::score).contains(90);
		assertThat(TimelineReader.scoreOn(figures, DAY.minusDays(7))).map(ReputationScore::score).contains(10);
		assertThat(TimelineReader.scoreOn(figures, DAY.minusDays(8))).isEmpty();
	}

	@Test
	void bouncesAndComplaintsOnFewMessagesAreShownButNotRated() {
		// The tester's case: 1 bounce and 1 complaint of 10 sent must not swing a 98.
		ReputationScore score = ScoreRules.score(List.of(f(0, DailyFigure.SENT, 10), f(0, "bounced:user_unknown", 1),
				f(0, DailyFigure.COMPLAINTS, 1), f(0, DailyFigure.WARMUP_HEALTH, 98)))
			.orElseThrow();
		assertThat(score.score()).isEqualTo(98);
		assertThat(score.parts()).extracting(ReputationScore.Part::key)
			.containsExactly("bounces", "complaints", "warmup");
		assertThat(score.parts().get(0).rated()).isFalse();
		assertThat(score.parts().get(0).figure()).isEqualTo("Too few messages to rate (10 sent; 100 needed)");
		assertThat(score.worst()).map(ReputationScore.Part::key).contains("warmup");
		// At the minimum they count.
		ReputationScore enough = ScoreRules.score(List.of(f(0, DailyFigure.SENT, ScoreRules.MIN_SENT),
				f(0, "bounced:user_unknown", 1), f(0, DailyFigure.WARMUP_HEALTH, 98)))
			.orElseThrow();
		assertThat(enough.parts().get(0).rated()).isTrue();
		assertThat(enough.parts().get(0).points()).isEqualTo(16.0);
	}

	@Test
	void onlyUnratedPartsGiveNoScore() {
		assertThat(ScoreRules.score(List.of(f(0, DailyFigure.SENT, 10)))).isEmpty();
	}

	@Test
	void dmarcOnFewReportedMessagesIsNotRated() {
		ReputationScore score = ScoreRules.score(List.of(f(0, DailyFigure.DMARC_MESSAGES, 20),
				f(0, DailyFigure.DMARC_PASS_RATE, 0.1), f(0, DailyFigure.BLOCKLIST_LISTINGS, 0)))
			.orElseThrow();
		assertThat(score.score()).isEqualTo(100);
		assertThat(score.parts().get(1).key()).isEqualTo("dmarc");
		assertThat(score.parts().get(1).rated()).isFalse();
		assertThat(score.parts().get(1).figure()).isEqualTo("Too few messages to rate (20 reported; 100 needed)");
	}

	@Test
	void theTrendComparesOnlyThePartsRatedOnBothDays() {
		// Day one: only warmup (80). A week later blocklists (15 of 15) appear: the score
		// rises to 90 but the reputation did not.
		ReputationScore before = ScoreRules.score(List.of(f(7, DailyFigure.WARMUP_HEALTH, 80))).orElseThrow();
		ReputationScore now = ScoreRules
			.score(List.of(f(0, DailyFigure.WARMUP_HEALTH, 80), f(0, DailyFigure.BLOCKLIST_LISTINGS, 0)))
			.orElseThrow();
		assertThat(now.score() - before.score()).isEqualTo(10);
		assertThat(now.trendSince(before)).contains(0);
		ReputationScore other = ScoreRules.score(List.of(f(0, DailyFigure.BLOCKLIST_LISTINGS, 0))).orElseThrow();
		assertThat(other.trendSince(before)).isEmpty();
	}

}
