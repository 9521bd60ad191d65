package com.penguinmails.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.AnalyticsViews.Cell;
import com.penguinmails.analytics.AnalyticsViews.Entry;
import com.penguinmails.analytics.AnalyticsViews.VariantEntry;
import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.shared.Tenant;

/**
 * What to change, each with the figures behind it, never a black box: the best sending
 * hours, follow-up steps that add (next to) nothing, mailboxes that drag results down,
 * and subject lines (A/B variants) that win by more than chance. Read from the same
 * rollups as the views, for the same period and filters.
 */
@Service
public class Recommendations {

	/**
	 * One recommendation.
	 *
	 * @param kind {@code sending_hours}, {@code weak_step}, {@code weak_mailbox} or
	 * {@code winning_subject}
	 * @param title what to do, in a sentence
	 * @param evidence the figures behind it, in a sentence
	 */
	public record Recommendation(String kind, String title, String evidence) {
	}

	/** A step needs this many messages sent before it is judged. */
	static final long STEP_MINIMUM = 100;

	/** A mailbox needs this many messages sent before it is judged. */
	static final long MAILBOX_MINIMUM = 100;

	/** Each A/B variant needs this many messages sent before a winner is named. */
	static final long VARIANT_MINIMUM = 100;

	private final WorkspaceAnalytics analytics;

	private final Campaigns campaigns;

	Recommendations(WorkspaceAnalytics analytics, Campaigns campaigns) {
		this.analytics = analytics;
		this.campaigns = campaigns;
	}

	/** The recommendations for the filter's period and slice, strongest kinds first. */
	public List<Recommendation> of(Tenant tenant, AnalyticsFilter filter) {
		WorkspaceAnalytics.requireReader(tenant);
		return of(tenant.workspaceId(), filter);
	}

	List<Recommendation> of(UUID ws, AnalyticsFilter filter) {
		List<Recommendation> all = new ArrayList<>();
		all.addAll(sendingHours(analytics.heatmap(ws, filter)));
		List<VariantEntry> variants = analytics.variants(ws, filter);
		all.addAll(weakSteps(variants));
		all.addAll(weakMailboxes(analytics.mailboxes(ws, filter)));
		all.addAll(winningSubjects(variants, v -> subject(ws, v)));
		return all;
	}

	static List<Recommendation> sendingHours(AnalyticsViews.Heatmap heatmap) {
		List<Recommendation> found = new ArrayList<>();
		long sent = heatmap.cells().stream().mapToLong(Cell::sent).sum();
		long replied = heatmap.cells().stream().mapToLong(Cell::replied).sum();
		if (heatmap.best().isEmpty() || sent == 0) {
			return found;
		}
		Cell best = heatmap.best().get(0);
		double average = (double) replied / sent;
		if (best.replyRate() < average * 1.2) {
			return found;
		}
		found.add(new Recommendation("sending_hours",
				String.format(Locale.ROOT, "Send more on %s around %02d:00, the recipient's time", day(best.weekday()),
						best.hour()),
				String.format(Locale.ROOT,
						"%s of the %,d messages sent then got a reply, against %s over all %,d messages of the period.",
						percent(best.replyRate()), best.sent(), percent(average), sent)));
		return found;
	}

	static List<Recommendation> weakSteps(List<VariantEntry> variants) {
		// Per campaign and step: messages sent and replies (per message: a follow-up's
		// people were all contacted by step 1).
		Map<String, long[]> steps = new HashMap<>();
		Map<String, String> names = new HashMap<>();
		for (VariantEntry v : variants) {
			String key = v.campaignId() + ":" + v.step();
			long[] sums = steps.computeIfAbsent(key, k -> new long[2]);
			sums[0] += v.totals().sent();
			sums[1] += v.totals().replied();
			names.put(v.campaignId().toString(), v.campaign());
		}
		List<Recommendation> found = new ArrayList<>();
		for (Map.Entry<String, long[]> step : steps.entrySet()) {
			String[] key = step.getKey().split(":");
			int number = Integer.parseInt(key[1]);
			long[] first = steps.get(key[0] + ":1");
			long[] these = step.getValue();
			if (number < 2 || first == null || these[0] < STEP_MINIMUM || first[0] < STEP_MINIMUM || first[1] == 0) {
				continue;
			}
			double rate = (double) these[1] / these[0];
			double firstRate = (double) first[1] / first[0];
			if (rate < firstRate * 0.25) {
				found.add(new Recommendation("weak_step",
						String.format(Locale.ROOT, "Step %d of %s adds %s: rewrite it or drop it", number,
								names.get(key[0]), these[1] == 0 ? "nothing" : "little"),
						String.format(Locale.ROOT,
								"%,d replies to its %,d messages (%s), against %s for step 1 (%,d of %,d).", these[1],
								these[0], percent(rate), percent(firstRate), first[1], first[0])));
			}
		}
		found.sort(java.util.Comparator.comparing(Recommendation::title));
		return found;
	}

	static List<Recommendation> weakMailboxes(List<Entry> mailboxes) {
		Totals all = mailboxes.stream().map(Entry::totals).reduce(Totals.NONE, Totals::plus);
		List<Recommendation> found = new ArrayList<>();
		for (Entry mailbox : mailboxes) {
			Totals t = mailbox.totals();
			// Each mailbox is held against the others (itself left out of the average).
			long othersSent = all.sent() - t.sent();
			if (t.sent() < MAILBOX_MINIMUM || othersSent < MAILBOX_MINIMUM) {
				continue;
			}
			double othersBounce = (double) (all.bounced() - t.bounced()) / othersSent;
			double othersReply = (double) (all.replied() - t.replied()) / othersSent;
			double reply = (double) t.replied() / t.sent();
			if (t.bounceRate() > 0.03 && t.bounceRate() > othersBounce * 2) {
				found.add(new Recommendation("weak_mailbox",
						"Check " + mailbox.label() + ": its messages bounce far more than the others'",
						String.format(Locale.ROOT,
								"%s of its %,d messages bounced, against %s for the other mailboxes.",
								percent(t.bounceRate()), t.sent(), percent(othersBounce))));
			}
			else if (othersReply > 0 && reply < othersReply * 0.5) {
				found.add(new Recommendation("weak_mailbox",
						"Check " + mailbox.label() + ": its messages get half the replies of the others'",
						String.format(Locale.ROOT,
								"%s of its %,d messages got a reply, against %s for the other mailboxes: look at its "
										+ "placement (warmup, reputation).",
								percent(reply), t.sent(), percent(othersReply))));
			}
		}
		return found;
	}

	static List<Recommendation> winningSubjects(List<VariantEntry> variants,
			java.util.function.Function<VariantEntry, String> subjects) {
		Map<String, List<VariantEntry>> byStep = new HashMap<>();
		for (VariantEntry v : variants) {
			byStep.computeIfAbsent(v.campaignId() + ":" + v.step(), k -> new ArrayList<>()).add(v);
		}
		List<Recommendation> found = new ArrayList<>();
		for (List<VariantEntry> step : byStep.values()) {
			if (step.size() < 2 || step.stream().anyMatch(v -> v.totals().sent() < VARIANT_MINIMUM)) {
				continue;
			}
			step.sort(java.util.Comparator.comparingDouble((VariantEntry v) -> rate(v)).reversed());
			VariantEntry best = step.get(0);
			VariantEntry next = step.get(1);
			if (z(best, next) < 1.96) {
				continue;
			}
			String subject = subjects.apply(best);
			found.add(new Recommendation("winning_subject",
					String.format(Locale.ROOT, "Variant %s of step %d wins in %s%s", best.variant(), best.step(),
							best.campaign(), subject == null ? "" : ": \u201c" + subject + "\u201d"),
					String.format(Locale.ROOT,
							"%s of its %,d messages got a reply, against %s for variant %s (%,d messages); a gap that "
									+ "size is chance less than 1 time in 20.",
							percent(rate(best)), best.totals().sent(), percent(rate(next)), next.variant(),
							next.totals().sent())));
		}
		found.sort(java.util.Comparator.comparing(Recommendation::title));
		return found;
	}

	/** The two-proportion z statistic of the replies per message of two variants. */
	static double z(VariantEntry a, VariantEntry b) {
		double n1 = a.totals().sent();
		double n2 = b.totals().sent();
		double p1 = rate(a);
		double p2 = rate(b);
		double pooled = (a.totals().replied() + b.totals().replied()) / (n1 + n2);
		double se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
		return se == 0 ? 0 : (p1 - p2) / se;
	}

	private static double rate(VariantEntry v) {
		return v.totals().sent() == 0 ? 0 : (double) v.totals().replied() / v.totals().sent();
	}

	private String subject(UUID ws, VariantEntry v) {
		try {
			Campaign campaign = campaigns.get(Tenant.system(ws), v.campaignId());
			Campaign.Step step = campaign.steps().get(v.step() - 1);
			return step.variants().get(v.variant().charAt(0) - 'A').subject();
		}
		catch (RuntimeException ex) {
			// A deleted campaign, or a step since removed: the figures still stand.
			return null;
		}
	}

	private static String day(int isoDay) {
		return new String[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" }[isoDay
				- 1];
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
	}

}
