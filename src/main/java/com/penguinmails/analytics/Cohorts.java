package com.penguinmails.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.internal.views.RollupQueries;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;

/**
 * Cohorts of people by the week of their first message, the sending mailbox's age then,
 * or the week they were added: people first contacted and who first replied in a period,
 * read from {@code analytics_hourly_cohorts}. Readers as for {@link WorkspaceAnalytics}.
 */
@Service
public class Cohorts {

	private final RollupQueries rollups;

	Cohorts(RollupQueries rollups) {
		this.rollups = rollups;
	}

	/**
	 * The kinds of cohorts: by first-send week, by the sending mailbox's age (weeks since
	 * it was connected), by its warmup week then, by import week.
	 */
	public static final List<String> COHORT_KINDS = List.of("first_send_week", "mailbox_age_week", "warmup_week",
			"import_week");

	/** What a kind of cohort groups people by, as a heading ("By first-send week"). */
	public static String title(String kind) {
		return switch (kind) {
			case "mailbox_age_week" -> "By the sending mailbox's age";
			case "warmup_week" -> "By the sending mailbox's warmup week";
			case "import_week" -> "By the week contacts were added";
			default -> "By first-send week";
		};
	}

	/**
	 * Cohorts of people by {@code kind} (one of {@link #COHORT_KINDS}), in cohort order.
	 * Only the campaign filter applies.
	 * @throws InvalidInputProblem for another kind
	 */
	public List<AnalyticsViews.Cohort> of(Tenant tenant, AnalyticsFilter filter, String kind) {
		WorkspaceAnalytics.requireReader(tenant);
		if (!COHORT_KINDS.contains(kind)) {
			throw new InvalidInputProblem("invalid-by", "by is one of " + String.join(", ", COHORT_KINDS));
		}
		return of(tenant.workspaceId(), filter, kind);
	}

	List<AnalyticsViews.Cohort> of(UUID ws, AnalyticsFilter filter, String kind) {
		List<AnalyticsViews.Cohort> cohorts = new ArrayList<>();
		for (RollupQueries.CohortSums sums : rollups.cohorts(ws, filter, kind)) {
			String label = switch (kind) {
				case "mailbox_age_week" -> "0".equals(sums.cohort()) ? "Mailbox in its first week"
						: "Mailbox in week " + (Integer.parseInt(sums.cohort()) + 1);
				case "warmup_week" -> "none".equals(sums.cohort()) ? "Mailbox not warming up yet"
						: "Mailbox in warmup week " + (Integer.parseInt(sums.cohort()) + 1);
				case "import_week" -> "Contacts added the week of " + sums.cohort();
				default -> "First contacted the week of " + sums.cohort();
			};
			cohorts.add(new AnalyticsViews.Cohort(sums.cohort(), label, sums.contacted(), sums.replied(),
					Totals.rate(sums.replied(), sums.contacted())));
		}
		boolean numbered = kind.equals("mailbox_age_week") || kind.equals("warmup_week");
		cohorts.sort(Comparator.comparing((AnalyticsViews.Cohort c) -> numbered ? weekOrder(c.cohort()) : c.cohort()));
		return cohorts;
	}

	/** A week number's sort key, "none" (not warming up) first. */
	private static String weekOrder(String cohort) {
		return "none".equals(cohort) ? "" : String.format(Locale.ROOT, "%08d", Integer.parseInt(cohort));
	}

}
