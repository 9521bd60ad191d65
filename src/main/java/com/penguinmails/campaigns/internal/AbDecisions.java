package com.penguinmails.campaigns.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Engagement;

/**
 * Decides the A/B steps of a campaign that have waited for their sample: for each step
 * with a metric and no winner yet, a two-proportion z-test of the best variant against
 * the second ({@link AbTest}); a significant difference (95%) makes the best the winner,
 * and later recipients of the step get it.
 */
@Component
public class AbDecisions {

	private final CampaignRepository campaigns;

	private final EnrolmentRepository enrolments;

	AbDecisions(CampaignRepository campaigns, EnrolmentRepository enrolments) {
		this.campaigns = campaigns;
		this.enrolments = enrolments;
	}

	/**
	 * Decides what can be decided now.
	 * @param sent messages sent per step and variant
	 */
	public void decide(UUID campaignId, Map<Integer, Map<Integer, Long>> sent, Instant now) {
		List<Step> steps = campaigns.steps(campaignId);
		for (int position = 0; position < steps.size(); position++) {
			Step step = steps.get(position);
			if (step.winnerMetric() == null || step.winner() != null || step.variants().size() < 2) {
				continue;
			}
			winner(campaignId, position, step, sent.getOrDefault(position, Map.of()), now)
				.ifPresent(winner -> campaigns.writeWinner(campaignId, winner.position(), winner.winner()));
		}
	}

	private record Decided(int position, Campaign.Winner winner) {
	}

	private Optional<Decided> winner(UUID campaignId, int position, Step step, Map<Integer, Long> sent, Instant now) {
		Map<Integer, Long> engaged = enrolments.engaged(campaignId, position, Engagement.ofMetric(step.winnerMetric()));
		List<AbTest.Arm> arms = new ArrayList<>();
		for (int v = 0; v < step.variants().size(); v++) {
			arms.add(new AbTest.Arm(v, sent.getOrDefault(v, 0L), engaged.getOrDefault(v, 0L)));
		}
		var outcome = AbTest.decide(arms, step.minSample() == null ? 100 : step.minSample());
		if (outcome.isEmpty() || outcome.get().winner() == null) {
			return Optional.empty();
		}
		return Optional.of(new Decided(position, new Campaign.Winner(outcome.get().winner(), step.winnerMetric(),
				outcome.get().z(), outcome.get().pValue(),
				arms.stream()
					.map(arm -> new Campaign.VariantResult(arm.variant(), arm.sent(), arm.engaged(), arm.rate()))
					.toList(),
				now)));
	}

}
