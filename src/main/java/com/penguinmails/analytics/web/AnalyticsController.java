package com.penguinmails.analytics.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.analytics.AnalyticsFilters;
import com.penguinmails.analytics.AnalyticsViews.Cell;
import com.penguinmails.analytics.AnalyticsViews.Overview;
import com.penguinmails.analytics.Recommendations;
import com.penguinmails.analytics.ReportFormat;
import com.penguinmails.analytics.ReportView;
import com.penguinmails.analytics.Rollups;
import com.penguinmails.analytics.Totals;
import com.penguinmails.analytics.WorkspaceAnalytics;
import com.penguinmails.inbound.CampaignNames;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;

/**
 * The workspace analytics page ({@code /analytics}): figures with trends, the daily
 * chart, the funnel, the send-time heatmap with the best hours, and league tables of
 * campaigns, mailboxes, domains, recipient providers and A/B variants, for a period and
 * filters chosen in a GET form (so a view is a link). A bad filter is said on the page.
 */
@Controller
class AnalyticsController {

	/**
	 * A figure of the period with its trend against the previous period.
	 *
	 * @param trend e.g. {@code "+1.2 pts"} or {@code "−8 %"}, empty without a previous
	 * figure
	 * @param direction {@code up}, {@code down} or empty
	 */
	record Tile(String id, String label, String value, String detail, String trend, String direction) {
	}

	/** A heatmap row: a weekday and its 24 cells with their shade (0-4). */
	record HeatRow(String day, List<HeatCell> cells) {
	}

	record HeatCell(Cell cell, int shade, String title) {
	}

	private static final String[] WEEKDAYS = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
			"Sunday" };

	private final WorkspaceAnalytics analytics;

	private final AnalyticsFilters filters;

	private final Rollups rollups;

	private final CampaignNames campaignNames;

	private final Mailboxes mailboxes;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	private final Recommendations recommendations;

	private final com.penguinmails.contacts.Segments segments;

	private final com.penguinmails.analytics.Cohorts cohortViews;

	AnalyticsController(WorkspaceAnalytics analytics, AnalyticsFilters filters, Rollups rollups,
			CampaignNames campaignNames, Mailboxes mailboxes, Tenancy tenancy, ObjectMapper json,
			Recommendations recommendations, com.penguinmails.contacts.Segments segments,
			com.penguinmails.analytics.Cohorts cohortViews) {
		this.cohortViews = cohortViews;
		this.recommendations = recommendations;
		this.segments = segments;
		this.analytics = analytics;
		this.filters = filters;
		this.rollups = rollups;
		this.campaignNames = campaignNames;
		this.mailboxes = mailboxes;
		this.tenancy = tenancy;
		this.json = json;
	}

	@GetMapping("/analytics")
	String page(@ModelAttribute AnalyticsFilters.Params params, Model model) throws Exception {
		Tenant tenant = tenancy.current();
		WorkspaceAnalytics.requireReader(tenant);
		options(tenant, model);
		model.addAttribute("params", params);
		model.addAttribute("rollups", rollups.state(tenant));
		AnalyticsFilter filter;
		try {
			filter = filters.read(params, analytics.zone(tenant.workspaceId()));
		}
		catch (InvalidInputProblem ex) {
			model.addAttribute("filterError", ex.getMessage());
			filter = filters.read(AnalyticsFilters.Params.NONE, analytics.zone(tenant.workspaceId()));
		}
		model.addAttribute("filter", filter);
		model.addAttribute("subtitle", analytics.subtitle(tenant.workspaceId(), filter));
		model.addAttribute("query", query(params));
		model.addAttribute("exportViews", ReportView.values());
		model.addAttribute("exportFormats", ReportFormat.values());
		Overview overview = analytics.overview(tenant, filter);
		model.addAttribute("overview", overview);
		model.addAttribute("tiles", tiles(overview.totals(), overview.previous()));
		List<Map<String, Object>> series = new ArrayList<>();
		for (var day : overview.days()) {
			series.add(Map.of("day", day.day().toString(), "sent", day.totals().sent(), "replied",
					day.totals().peopleReplied(), "opened", day.totals().peopleOpened()));
		}
		model.addAttribute("chartSeries", json.writeValueAsString(series));
		model.addAttribute("funnel", analytics.funnel(tenant, filter));
		model.addAttribute("recommendations", recommendations.of(tenant, filter));
		var heatmap = analytics.heatmap(tenant, filter);
		model.addAttribute("heatmap", heatmap);
		model.addAttribute("heatRows", heatRows(heatmap.cells()));
		model.addAttribute("bestHours", heatmap.best()
			.stream()
			.map(c -> String.format(Locale.ROOT, "%s at %02d:00 (the recipient's time): %s of %,d messages got a reply",
					weekday(c.weekday()), c.hour(), percent(c.replyRate()), c.sent()))
			.toList());
		model.addAttribute("campaignRows", analytics.campaigns(tenant, filter));
		model.addAttribute("mailboxRows", analytics.mailboxes(tenant, filter));
		model.addAttribute("domainRows", analytics.domains(tenant, filter));
		model.addAttribute("providerRows", analytics.providers(tenant, filter));
		model.addAttribute("variantRows", analytics.variants(tenant, filter));
		model.addAttribute("cohortKinds",
				com.penguinmails.analytics.Cohorts.COHORT_KINDS.stream()
					.map((kind) -> new String[] { kind, com.penguinmails.analytics.Cohorts.title(kind) })
					.toList());
		Map<String, Object> cohorts = new java.util.LinkedHashMap<>();
		for (String kind : com.penguinmails.analytics.Cohorts.COHORT_KINDS) {
			cohorts.put(kind, cohortViews.of(tenant, filter, kind));
		}
		model.addAttribute("cohorts", cohorts);
		return "analytics/workspace";
	}

	@PostMapping("/analytics/rebuild")
	String rebuild(RedirectAttributes redirect) {
		Rollups.State state = rollups.rebuild(tenancy.current());
		redirect.addFlashAttribute("notice",
				"Recounting " + state.pendingHours() + (state.pendingHours() == 1 ? " hour" : " hours")
						+ " of figures from the raw events: reload the page in a minute to see them complete.");
		return "redirect:/analytics";
	}

	private void options(Tenant tenant, Model model) {
		model.addAttribute("campaignOptions", campaignNames.campaigns(tenant.workspaceId()));
		List<Mailbox> boxes = mailboxes.list(Tenant.system(tenant.workspaceId()));
		model.addAttribute("mailboxOptions", boxes);
		TreeSet<String> domains = new TreeSet<>();
		for (Mailbox box : boxes) {
			domains.add(box.email().substring(box.email().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
		}
		model.addAttribute("domainOptions", domains);
		model.addAttribute("providerOptions", RecipientProvider.values());
		model.addAttribute("listOptions", segments.lists(Tenant.system(tenant.workspaceId())));
	}

	/** The filter's parameters as a query string, for export links. */
	static String query(AnalyticsFilters.Params p) {
		List<String> parts = new ArrayList<>();
		add(parts, "from", p.from());
		add(parts, "to", p.to());
		add(parts, "days", p.days());
		if (p.campaign() != null) {
			p.campaign().forEach(c -> add(parts, "campaign", c));
		}
		if (p.mailbox() != null) {
			p.mailbox().forEach(m -> add(parts, "mailbox", m));
		}
		add(parts, "domain", p.domain());
		add(parts, "step", p.step());
		add(parts, "variant", p.variant());
		add(parts, "provider", p.provider());
		add(parts, "list", p.list());
		add(parts, "tag", p.tag());
		return String.join("&", parts);
	}

	private static void add(List<String> parts, String name, String value) {
		if (value != null && !value.isBlank()) {
			parts.add(name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	static List<Tile> tiles(Totals now, Totals before) {
		List<Tile> tiles = new ArrayList<>();
		tiles.add(count("sent", "Sent", now, before, Totals::sent, now.sent() == 1 ? "message" : "messages"));
		tiles.add(count("contacted", "People contacted", now, before, Totals::peopleContacted,
				now.peopleContacted() == 1 ? "recipient" : "recipients"));
		tiles.add(rate("delivery", "Delivered", now, before, Totals::deliveryRate,
				String.format(Locale.ROOT, "%,d messages", now.delivered())));
		tiles.add(rate("open", "Opened", now, before, Totals::openRate, people(now.peopleOpened())));
		tiles.add(rate("click", "Clicked", now, before, Totals::clickRate, people(now.peopleClicked())));
		tiles.add(rate("reply", "Replied", now, before, Totals::replyRate, people(now.peopleReplied())));
		tiles.add(rate("interested", "Interested", now, before, Totals::interestedRate, people(now.interested())));
		tiles.add(rate("bounce", "Bounced", now, before, Totals::bounceRate,
				String.format(Locale.ROOT, "%,d hard · %,d soft · %,d blocked · %,d other", now.bouncedHard(),
						now.bouncedSoft(), now.bouncedBlock(), now.bouncedOther())));
		tiles.add(count("unsubscribed", "Unsubscribed", now, before, Totals::unsubscribed,
				now.unsubscribed() == 1 ? "person" : "people"));
		tiles.add(count("complained", "Spam complaints", now, before, Totals::complained,
				now.complained() == 1 ? "report" : "reports"));
		return tiles;
	}

	private static Tile count(String id, String label, Totals now, Totals before, ToLongFunction<Totals> measure,
			String unit) {
		long value = measure.applyAsLong(now);
		long old = measure.applyAsLong(before);
		String trend = "";
		String direction = "";
		if (old > 0) {
			long change = Math.round((value - old) * 100.0 / old);
			trend = (change >= 0 ? "+" : "−") + Math.abs(change) + " % vs previous";
			direction = change > 0 ? "up" : change < 0 ? "down" : "";
		}
		return new Tile(id, label, String.format(Locale.ROOT, "%,d", value), unit, trend, direction);
	}

	private static Tile rate(String id, String label, Totals now, Totals before, ToDoubleFunction<Totals> measure,
			String detail) {
		double value = measure.applyAsDouble(now);
		String trend = "";
		String direction = "";
		if (before.sent() > 0) {
			double points = (value - measure.applyAsDouble(before)) * 100;
			trend = String.format(Locale.ROOT, "%s%.1f pts vs previous", points >= 0 ? "+" : "−", Math.abs(points));
			direction = points > 0.05 ? "up" : points < -0.05 ? "down" : "";
		}
		return new Tile(id, label, percent(value), detail, trend, direction);
	}

	/** "1 person", "2 people". */
	static String people(long count) {
		return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? "person" : "people");
	}

	static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
	}

	static List<HeatRow> heatRows(List<Cell> cells) {
		double max = cells.stream().filter(c -> c.sent() >= 1).mapToDouble(Cell::replyRate).max().orElse(0);
		List<HeatRow> rows = new ArrayList<>();
		for (int d = 0; d < 7; d++) {
			List<HeatCell> row = new ArrayList<>();
			for (int h = 0; h < 24; h++) {
				Cell cell = cells.get(d * 24 + h);
				int shade = cell.sent() == 0 || max == 0 ? 0
						: 1 + (int) Math.min(3, Math.floor(cell.replyRate() / max * 3.999));
				String title = String.format(Locale.ROOT, "%s %02d:00 – %,d sent, %,d replies (%s)", WEEKDAYS[d], h,
						cell.sent(), cell.replied(), percent(cell.replyRate()));
				row.add(new HeatCell(cell, cell.sent() == 0 ? -1 : shade, title));
			}
			rows.add(new HeatRow(WEEKDAYS[d], row));
		}
		return rows;
	}

	/** A weekday's name, 1 = Monday. */
	static String weekday(int isoDay) {
		return WEEKDAYS[isoDay - 1];
	}

}
