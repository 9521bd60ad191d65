package com.penguinmails.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.analytics.internal.AnalyticsPeopleQueries;
import com.penguinmails.analytics.internal.EventKind;
import com.penguinmails.campaigns.AbVerdict;
import com.penguinmails.campaigns.Campaign;
import com.penguinmails.delivery.CampaignReach;
import com.penguinmails.inbound.LeadOutcomes;
import com.penguinmails.tracking.CampaignEngagement;

/**
 * A campaign's {@link Measures} per person and per message, and each A/B step's verdict:
 * a handful of aggregate queries (outbox, tracking, analytics events, conversations),
 * never one per recipient.
 */
@Component
class PeopleMeasures {

	private final CampaignReach reach;

	private final CampaignEngagement engagement;

	private final AnalyticsPeopleQueries events;

	private final LeadOutcomes leads;

	PeopleMeasures(CampaignReach reach, CampaignEngagement engagement, AnalyticsPeopleQueries events,
			LeadOutcomes leads) {
		this.reach = reach;
		this.engagement = engagement;
		this.events = events;
		this.leads = leads;
	}

	/** Both views: [0] per person, [1] per message (from the message figures). */
	Measures[] of(UUID workspaceId, UUID campaignId, CampaignStats.Figures messages) {
		long interested = leads.interested(workspaceId, campaignId);
		CampaignReach.People reached = reach.people(workspaceId, campaignId);
		CampaignEngagement.People engaged = engagement.people(workspaceId, campaignId);
		Map<EventKind, Long> kinds = events.peopleByKind(workspaceId, campaignId);
		// A person bounced at SMTP time and again by a DSN is rare (a hard bounce stops
		// the
		// sequence): the two are added, never beyond those contacted.
		long bounced = Math.min(reached.contacted(), reached.refused() + events.bouncedPeople(workspaceId, campaignId));
		Measures people = new Measures(reached.contacted(), reached.contacted() - bounced,
				Measures.Split.of(engaged.openedHuman(), engaged.openedAll()),
				Measures.Split.of(engaged.clickedHuman(), engaged.clickedAll()),
				kinds.getOrDefault(EventKind.REPLIED, 0L), interested, bounced,
				kinds.getOrDefault(EventKind.UNSUBSCRIBED, 0L), kinds.getOrDefault(EventKind.COMPLAINED, 0L));
		Measures perMessage = new Measures(messages.sent(), messages.delivered(),
				Measures.Split.of(messages.openedHuman(), messages.opened()),
				Measures.Split.of(messages.clickedHuman(), messages.clicked()), messages.replied(), interested,
				messages.bounced(), messages.unsubscribed(), messages.complained());
		return new Measures[] { people, perMessage };
	}

	/** The verdict of every A/B step, from the steps' sends and people's engagement. */
	static List<AbVerdict> verdicts(Campaign campaign, List<CampaignStats.Step> steps) {
		List<AbVerdict> verdicts = new ArrayList<>();
		for (int position = 0; position < campaign.steps().size(); position++) {
			Campaign.Step step = campaign.steps().get(position);
			if (step.variants().size() < 2) {
				continue;
			}
			int variants = step.variants().size();
			long[] sent = new long[variants];
			long[] engaged = new long[variants];
			for (CampaignStats.Step s : steps) {
				if (s.step() != position) {
					continue;
				}
				for (CampaignStats.Variant v : s.variants()) {
					if (v.variant() < variants) {
						sent[v.variant()] = v.figures().sent();
						engaged[v.variant()] = engaged(step.winnerMetric(), v.figures());
					}
				}
			}
			verdicts.add(AbVerdict.of(position, step, sent, engaged));
		}
		return verdicts;
	}

	private static long engaged(String metric, CampaignStats.Figures f) {
		if (metric == null) {
			return f.replied();
		}
		return switch (metric) {
			case "opens" -> f.openedHuman();
			case "clicks" -> f.clickedHuman();
			default -> f.replied();
		};
	}

}
