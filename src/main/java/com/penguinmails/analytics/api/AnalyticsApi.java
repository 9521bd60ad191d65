package com.penguinmails.analytics.api;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.analytics.AnalyticsFilters;
import com.penguinmails.analytics.AnalyticsViews;
import com.penguinmails.analytics.Cohorts;
import com.penguinmails.analytics.AnalyticsViews.Entry;
import com.penguinmails.analytics.AnalyticsViews.Heatmap;
import com.penguinmails.analytics.AnalyticsViews.Overview;
import com.penguinmails.analytics.AnalyticsViews.Stage;
import com.penguinmails.analytics.AnalyticsViews.VariantEntry;
import com.penguinmails.analytics.Recommendations;
import com.penguinmails.analytics.Rollups;
import com.penguinmails.analytics.WorkspaceAnalytics;
import com.penguinmails.analytics.WorkspaceEvents;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;

/**
 * Workspace analytics over the API: every view of the analytics page, per-recipient
 * events with cursor pagination, and the rollups' state and rebuild. Periods are whole
 * days in the workspace's time zone; filters as on the page.
 */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics",
		description = "Workspace analytics, exports and scheduled reports over any period and filter, read from hourly rollups")
@SecurityRequirement(name = "apiKey")
class AnalyticsApi {

	/**
	 * A view's rows in the API's envelope, with the period they cover: whole days
	 * {@code from} to {@code to} (both included) in {@code zone}, as the overview says
	 * it.
	 */
	record ListOf<T>(LocalDate from, LocalDate to, String zone, List<T> data) {

		static <T> ListOf<T> of(AnalyticsFilter filter, List<T> data) {
			return new ListOf<>(filter.from(), filter.to(), filter.zone().getId(), data);
		}

	}

	/** The heatmap with the period it covers (see {@link ListOf}). */
	record PeriodHeatmap(LocalDate from, LocalDate to, String zone, List<AnalyticsViews.Cell> cells,
			List<AnalyticsViews.Cell> best, long minimumSent) {
	}

	private final WorkspaceAnalytics analytics;

	private final AnalyticsFilters filters;

	private final Rollups rollups;

	private final Tenancy tenancy;

	private final Recommendations recommendations;

	private final WorkspaceEvents events;

	private final Cohorts cohorts;

	AnalyticsApi(WorkspaceAnalytics analytics, AnalyticsFilters filters, Rollups rollups, Tenancy tenancy,
			Recommendations recommendations, WorkspaceEvents events, Cohorts cohorts) {
		this.cohorts = cohorts;
		this.recommendations = recommendations;
		this.events = events;
		this.analytics = analytics;
		this.filters = filters;
		this.rollups = rollups;
		this.tenancy = tenancy;
	}

	private AnalyticsFilter filter(Tenant tenant, AnalyticsFilters.Params params) {
		WorkspaceAnalytics.requireReader(tenant);
		return filters.read(params, analytics.zone(tenant.workspaceId()));
	}

	@GetMapping("/overview")
	@Operation(summary = "The period's figures (counts and per-person rates), the previous period's for trends, "
			+ "and every day's")
	Overview overview(@ParameterObject @ModelAttribute AnalyticsFilters.Params params) {
		Tenant tenant = tenancy.current();
		return analytics.overview(tenant, filter(tenant, params));
	}

	@GetMapping("/funnel")
	@Operation(summary = "People contacted, delivered to, who opened, clicked, replied and are interested")
	ListOf<Stage> funnel(@ParameterObject @ModelAttribute AnalyticsFilters.Params params) {
		Tenant tenant = tenancy.current();
		AnalyticsFilter filter = filter(tenant, params);
		return ListOf.of(filter, analytics.funnel(tenant, filter));
	}

	@GetMapping("/heatmap")
	@Operation(summary = "Reply rate by the recipient's local weekday and hour at sending (campaign filter only), "
			+ "with the best sending hours")
	PeriodHeatmap heatmap(@ParameterObject @ModelAttribute AnalyticsFilters.Params params) {
		Tenant tenant = tenancy.current();
		AnalyticsFilter filter = filter(tenant, params);
		Heatmap heatmap = analytics.heatmap(tenant, filter);
		return new PeriodHeatmap(filter.from(), filter.to(), filter.zone().getId(), heatmap.cells(), heatmap.best(),
				heatmap.minimumSent());
	}

	@GetMapping("/mailboxes")
	@Operation(summary = "League table of sending mailboxes")
	ListOf<Entry> mailboxes(@ParameterObject @ModelAttribute AnalyticsFilters.Params params) {
		Tenant tenant = tenancy.current();
		AnalyticsFilter filter = filter(tenant, params);
		return ListOf.of(filter, analytics.mailboxes(tenant, filter));
	}

	@GetMapping("/domains")
	@Operation(summary = "League table of sending domains")
	ListOf<Entry> domains(@ParameterObject @ModelAttribute AnalyticsFilters.Params params) {
		Tenant tenant = tenancy.current();
		AnalyticsFilter filter = filter(tenant, params);
		return ListOf.of(filter, analytics.domains(tenant, filter));
	}

	@GetMapping("/providers")
	@Operation(summary = "Figures by recipient mail provider (Google, Microsoft, Yahoo, other; from their MX)")
	ListOf<Entry> providers(@ParameterObject @ModelAttribute AnalyticsFilters.Params params) {
		Tenant tenant = tenancy.current();
		AnalyticsFilter filter = filter(tenant, params);
		return ListOf.of(filter, analytics.providers(tenant, filter));
	}

	@GetMapping("/campaigns")
	@Operation(summary = "Figures per campaign, side by side")
	ListOf<Entry> campaigns(@ParameterObject @ModelAttribute AnalyticsFilters.Params params) {
		Tenant tenant = tenancy.current();
		AnalyticsFilter filter = filter(tenant, params);
		return ListOf.of(filter, analytics.campaigns(tenant, filter));
	}

	@GetMapping("/variants")
	@Operation(summary = "A/B history: figures per campaign, step and variant")
	ListOf<VariantEntry> variants(@ParameterObject @ModelAttribute AnalyticsFilters.Params params) {
		Tenant tenant = tenancy.current();
		AnalyticsFilter filter = filter(tenant, params);
		return ListOf.of(filter, analytics.variants(tenant, filter));
	}

	@GetMapping("/cohorts")
	@Operation(summary = "Cohorts of people by the week of their first message (by=first_send_week), the sending "
			+ "mailbox's age then (mailbox_age_week), its warmup week then (warmup_week) or the week they were "
			+ "added (import_week): people first "
			+ "contacted and who first replied in the period, and the reply rate (campaign filter only)")
	ListOf<AnalyticsViews.Cohort> cohorts(@ParameterObject @ModelAttribute AnalyticsFilters.Params params,
			@RequestParam(defaultValue = "first_send_week") String by) {
		Tenant tenant = tenancy.current();
		AnalyticsFilter filter = filter(tenant, params);
		return ListOf.of(filter, cohorts.of(tenant, filter, by));
	}

	@GetMapping("/recommendations")
	@Operation(summary = "What to change, each with the figures behind it: best sending hours, follow-up steps that "
			+ "add little, mailboxes that drag results down, A/B subject lines that win by more than chance")
	ListOf<Recommendations.Recommendation> recommendations(
			@ParameterObject @ModelAttribute AnalyticsFilters.Params params) {
		Tenant tenant = tenancy.current();
		AnalyticsFilter filter = filter(tenant, params);
		return ListOf.of(filter, recommendations.of(tenant, filter));
	}

	@GetMapping("/events")
	@Operation(summary = "Per-recipient events of one kind (sent, opened, clicked, replied, auto_replied, bounced, "
			+ "unsubscribed, complained), newest first, a page at a time: pass next_cursor back as cursor")
	WorkspaceEvents.EventPage events(@ParameterObject @ModelAttribute AnalyticsFilters.Params params,
			@RequestParam(defaultValue = "opened") String kind,
			@Parameter(description = "opens and clicks: leave out machines' (mail proxies, scanners)") @RequestParam(
					defaultValue = "false") boolean human,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "100") int limit) {
		Tenant tenant = tenancy.current();
		return events.page(tenant, filter(tenant, params), kind, human, cursor, limit);
	}

	@GetMapping("/rollups")
	@Operation(summary = "The rollups' state: hours waiting for a recount, the last rebuild")
	Rollups.State rollups() {
		return rollups.state(tenancy.current());
	}

	@PostMapping("/rollups/rebuild")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Recounts every hour of the workspace's rollups from the raw events (admins); the figures "
			+ "follow within minutes, GET /rollups says how many hours are left")
	Rollups.State rebuild() {
		return rollups.rebuild(tenancy.current());
	}

}
