package com.penguinmails.analytics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

import org.springframework.stereotype.Service;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;

/**
 * Campaigns side by side: the same per-person {@link Measures} of 2 to 6 campaigns of the
 * caller's workspace, one row per measure, the best value of each row marked (highest, or
 * lowest for bounces, unsubscribes and complaints).
 */
@Service
public class CampaignComparison {

	/** Campaigns compared at least. */
	public static final int MIN = 2;

	/** Campaigns compared at most. */
	public static final int MAX = 6;

	/** A campaign compared: its id, name and status as people read it. */
	public record Column(UUID id, String name, String status) {
	}

	/**
	 * One measure across the campaigns.
	 *
	 * @param key the {@link Measures} property ({@code replyRate}...)
	 * @param values one per campaign, in the columns' order: a count, or a rate as a
	 * fraction
	 * @param shown the values as people read them ("2.4 %")
	 * @param best the indexes of the best value (empty when all are equal)
	 * @param higherIsBetter whether the best is the highest
	 */
	public record Row(String key, String label, List<Double> values, List<String> shown, List<Integer> best,
			boolean higherIsBetter) {
	}

	/**
	 * The comparison: {@code measures} holds each campaign's full per-person measures.
	 */
	public record Comparison(List<Column> campaigns, List<Row> rows, List<Measures> measures) {
	}

	private record Spec(String key, String label, boolean rate, boolean higherIsBetter, ToDoubleFunction<Measures> of) {
	}

	private static final List<Spec> SPECS = List.of(
			new Spec("contacted", "People contacted", false, true, Measures::contacted),
			new Spec("deliveryRate", "Delivered", true, true, Measures::deliveryRate),
			new Spec("openRate", "Opened (people)", true, true, Measures::openRate),
			new Spec("clickRate", "Clicked (people)", true, true, Measures::clickRate),
			new Spec("replyRate", "Replied", true, true, Measures::replyRate),
			new Spec("interestedRate", "Interested", true, true, Measures::interestedRate),
			new Spec("bounceRate", "Bounced", true, false, Measures::bounceRate),
			new Spec("unsubscribeRate", "Unsubscribed", true, false, Measures::unsubscribeRate),
			new Spec("complaintRate", "Complained", true, false, Measures::complaintRate));

	private final Campaigns campaigns;

	private final CampaignStats stats;

	CampaignComparison(Campaigns campaigns, CampaignStats stats) {
		this.campaigns = campaigns;
		this.stats = stats;
	}

	/**
	 * The ids of a request: comma-separated and/or repeated, duplicates once.
	 * @throws InvalidInputProblem (400) for a malformed id, or fewer than {@link #MIN} or
	 * more than {@link #MAX} campaigns
	 */
	public static List<UUID> ids(List<String> values) {
		Set<UUID> ids = new LinkedHashSet<>();
		for (String value : values == null ? List.<String>of() : values) {
			for (String part : value.split(",")) {
				if (part.isBlank()) {
					continue;
				}
				try {
					ids.add(UUID.fromString(part.strip()));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputProblem("invalid-ids", "ids are campaign ids separated by commas");
				}
			}
		}
		if (ids.size() < MIN || ids.size() > MAX) {
			throw new InvalidInputProblem("invalid-ids", "Choose " + MIN + " to " + MAX + " campaigns to compare.");
		}
		return List.copyOf(ids);
	}

	/**
	 * The campaigns compared, in the order given.
	 * @throws com.penguinmails.shared.NotFoundProblem (404) for an id not of a campaign
	 * of the workspace
	 */
	public Comparison compare(Tenant tenant, List<UUID> ids) {
		List<Column> columns = new ArrayList<>();
		List<Measures> measures = new ArrayList<>();
		for (UUID id : ids) {
			Campaign campaign = campaigns.get(tenant, id);
			columns.add(new Column(id, campaign.name(), campaign.status().label()));
			measures.add(stats.of(tenant, id).people());
		}
		List<Row> rows = SPECS.stream().map(spec -> row(spec, measures)).toList();
		return new Comparison(columns, rows, measures);
	}

	private static Row row(Spec spec, List<Measures> measures) {
		List<Double> values = measures.stream().map(m -> spec.of().applyAsDouble(m)).toList();
		double best = spec.higherIsBetter() ? values.stream().mapToDouble(Double::doubleValue).max().orElse(0)
				: values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
		// The audience's size is context, not a result: only rates are ranked.
		boolean allEqual = !spec.rate() || values.stream().distinct().count() == 1;
		List<Integer> bestAt = new ArrayList<>();
		for (int i = 0; i < values.size() && !allEqual; i++) {
			if (values.get(i) == best) {
				bestAt.add(i);
			}
		}
		List<String> shown = values.stream()
			.map(v -> spec.rate() ? Measures.percent(v) : String.valueOf(v.longValue()))
			.toList();
		return new Row(spec.key(), spec.label(), values, shown, List.copyOf(bestAt), spec.higherIsBetter());
	}

}
