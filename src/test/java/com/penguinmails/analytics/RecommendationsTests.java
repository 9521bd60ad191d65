package com.penguinmails.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.analytics.AnalyticsViews.Cell;
import com.penguinmails.analytics.AnalyticsViews.Entry;
import com.penguinmails.analytics.AnalyticsViews.Heatmap;
import com.penguinmails.analytics.AnalyticsViews.VariantEntry;
import com.penguinmails.analytics.Recommendations.Recommendation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each recommendation fires on figures that warrant it, says the figures, and stays quiet
 * below its minimum volume or within chance.
 */
class RecommendationsTests {

	static final UUID CAMPAIGN = UUID.randomUUID();

	static Totals sentReplied(long sent, long replied) {
		return new Totals(sent, 0, 0, 0, 0, 0, 0, 0, replied, 0, 0, 0, sent, 0, 0, replied, 0);
	}

	static Totals sentBounced(long sent, long bounced, long replied) {
		return new Totals(sent, bounced, 0, 0, 0, 0, 0, 0, replied, 0, 0, 0, sent, 0, 0, replied, 0);
	}

	@Test
	void aStepWithAQuarterOfStepOnesRepliesIsWeak() {
		List<VariantEntry> variants = List.of(new VariantEntry(CAMPAIGN, "Q4", 1, "A", sentReplied(1000, 40)),
				new VariantEntry(CAMPAIGN, "Q4", 2, "A", sentReplied(900, 3)),
				new VariantEntry(CAMPAIGN, "Q4", 3, "A", sentReplied(800, 0)),
				new VariantEntry(CAMPAIGN, "Q4", 4, "A", sentReplied(50, 0)));
		List<Recommendation> found = Recommendations.weakSteps(variants);
		assertThat(found).extracting(Recommendation::title)
			.containsExactly("Step 2 of Q4 adds little: rewrite it or drop it",
					"Step 3 of Q4 adds nothing: rewrite it or drop it");
		assertThat(found.get(0).evidence())
			.isEqualTo("3 replies to its 900 messages (0.3 %), against 4.0 % for step 1 (40 of 1,000).");
		// A step that does as well is left alone.
		assertThat(Recommendations.weakSteps(List.of(new VariantEntry(CAMPAIGN, "Q4", 1, "A", sentReplied(1000, 40)),
				new VariantEntry(CAMPAIGN, "Q4", 2, "A", sentReplied(1000, 30)))))
			.isEmpty();
	}

	@Test
	void aMailboxThatBouncesOrGetsFewRepliesIsNamed() {
		List<Entry> boxes = List.of(new Entry("1", "good@a.test", sentBounced(1000, 10, 30)),
				new Entry("2", "bouncy@a.test", sentBounced(1000, 90, 30)),
				new Entry("3", "quiet@b.test", sentBounced(1000, 10, 5)),
				new Entry("4", "small@b.test", sentBounced(50, 40, 0)));
		List<Recommendation> found = Recommendations.weakMailboxes(boxes);
		assertThat(found).extracting(Recommendation::title)
			.containsExactly("Check bouncy@a.test: its messages bounce far more than the others'",
					"Check quiet@b.test: its messages get half the replies of the others'");
		assertThat(found.get(0).evidence()).contains("9.0 % of its 1,000 messages bounced");
	}

	@Test
	void aVariantWinsOnlyBeyondChance() {
		List<VariantEntry> clear = new ArrayList<>(
				List.of(new VariantEntry(CAMPAIGN, "Q4", 1, "A", sentReplied(1000, 20)),
						new VariantEntry(CAMPAIGN, "Q4", 1, "B", sentReplied(1000, 50))));
		List<Recommendation> found = Recommendations.winningSubjects(clear, v -> "Quick question");
		assertThat(found).singleElement()
			.extracting(Recommendation::title)
			.isEqualTo("Variant B of step 1 wins in Q4: \u201cQuick question\u201d");
		assertThat(found.get(0).evidence())
			.startsWith("5.0 % of its 1,000 messages got a reply, against 2.0 % for variant A");
		List<VariantEntry> close = new ArrayList<>(
				List.of(new VariantEntry(CAMPAIGN, "Q4", 1, "A", sentReplied(1000, 20)),
						new VariantEntry(CAMPAIGN, "Q4", 1, "B", sentReplied(1000, 27))));
		assertThat(Recommendations.winningSubjects(close, v -> "x")).isEmpty();
		List<VariantEntry> small = new ArrayList<>(List.of(new VariantEntry(CAMPAIGN, "Q4", 1, "A", sentReplied(60, 0)),
				new VariantEntry(CAMPAIGN, "Q4", 1, "B", sentReplied(60, 20))));
		assertThat(Recommendations.winningSubjects(small, v -> "x")).isEmpty();
	}

	@Test
	void theBestHourIsRecommendedWhenItBeatsTheAverage() {
		List<Cell> cells = new ArrayList<>();
		for (int i = 0; i < 168; i++) {
			cells.add(new Cell(i / 24 + 1, i % 24, 100, i == 33 ? 9 : 2, i == 33 ? 0.09 : 0.02));
		}
		Heatmap heatmap = new Heatmap(cells, List.of(cells.get(33)), 20);
		List<Recommendation> found = Recommendations.sendingHours(heatmap);
		assertThat(found).singleElement()
			.extracting(Recommendation::title)
			.isEqualTo("Send more on Tuesday around 09:00, the recipient's time");
		assertThat(found.get(0).evidence()).isEqualTo(
				"9.0 % of the 100 messages sent then got a reply, against 2.0 % over all 16,800 messages of the period.");
	}

}
