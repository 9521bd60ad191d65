package com.penguinmails.analytics.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.analytics.AttributionModel;
import com.penguinmails.analytics.Deal;
import com.penguinmails.analytics.DealSource;
import com.penguinmails.analytics.Deals;
import com.penguinmails.analytics.RevenueAttribution;
import com.penguinmails.analytics.internal.deals.RevenuePeriod;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The revenue page ({@code /analytics/revenue}): revenue per campaign over a period by
 * the chosen attribution model, the deals (a page at a time), a form to record a deal and
 * a CSV upload whose bad rows are listed with their line numbers.
 */
@Controller
class RevenueController {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

	private static final int PAGE_SIZE = 20;

	/** A campaign's row as the page shows it: amounts already written out. */
	record CampaignLine(UUID campaignId, String name, long deals, String revenue, String firstTouch, String lastTouch,
			String linear) {
	}

	/** A currency's total and its unattributed part, written out. */
	record TotalLine(String currency, long deals, String revenue, long unattributedDeals, String unattributed) {
	}

	/** A deal as the page lists it. */
	record DealLine(UUID id, String closed, String email, String name, String amount, String source,
			String externalId) {
	}

	/**
	 * The deal form as typed (kept in the flash after a refusal, hence serializable).
	 */
	record DealForm(String email, String amount, String currency, String closedAt, String name,
			String externalId) implements Serializable {
	}

	private final Deals deals;

	private final RevenueAttribution attribution;

	private final RevenuePeriod period;

	private final Tenancy tenancy;

	private final Clock clock;

	RevenueController(Deals deals, RevenueAttribution attribution, RevenuePeriod period, Tenancy tenancy, Clock clock) {
		this.clock = clock;
		this.deals = deals;
		this.attribution = attribution;
		this.period = period;
		this.tenancy = tenancy;
	}

	@GetMapping("/analytics/revenue")
	String page(@RequestParam(required = false) String model, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String cursor, Model page) {
		fill(page, model, from, to, cursor);
		return "analytics/revenue";
	}

	@PostMapping("/analytics/revenue/deals")
	String record(DealForm form, @RequestParam(required = false) String back, RedirectAttributes redirect) {
		return FormAction.run(redirect, back(back), () -> {
			Tenant tenant = tenancy.current();
			Deals.Recorded recorded = deals.record(
					tenant, new Deals.NewDeal(null, form.email(), form.name(), Deals.amount(form.amount()),
							form.currency(), Deals.closedAt(form.closedAt(), deals.zone(tenant)), form.externalId()),
					DealSource.API);
			Deal deal = recorded.deal();
			return FormAction.Done.notice((recorded.created() ? "Recorded " : "Updated ") + money(deal.amount()) + " "
					+ deal.currency() + " with " + deal.email() + ".");
		}, problem -> redirect.addFlashAttribute("form", form));
	}

	@PostMapping("/analytics/revenue/deals/{id}/delete")
	String delete(@PathVariable UUID id, @RequestParam(required = false) String back, RedirectAttributes redirect) {
		return FormAction.run(redirect, back(back), () -> {
			deals.delete(tenancy.current(), id);
			return FormAction.Done.notice("Deal deleted.");
		});
	}

	@PostMapping("/analytics/revenue/import")
	String importCsv(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String model,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model page) {
		Tenant tenant = tenancy.current();
		FormAction.inPage(page, () -> {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputProblem("no-file", "Choose a CSV file of deals.");
			}
			Deals.ImportResult result = deals.importCsv(tenant,
					new InputStreamReader(stream(file), StandardCharsets.UTF_8));
			page.addAttribute("importResult", result);
			page.addAttribute("importErrors",
					result.rows().stream().filter(row -> row.status().equals("error")).toList());
			String said = result.imported() + " deal" + (result.imported() == 1 ? "" : "s") + " recorded, "
					+ result.failed() + " row" + (result.failed() == 1 ? "" : "s") + " refused";
			if (result.failed() > 0) {
				// Done in part: said in the warning colour, not as a success.
				page.addAttribute("warning", said + " (listed below with their line numbers).");
				return FormAction.Done.notice(null);
			}
			return FormAction.Done.notice(said + ".");
		});
		fill(page, model, from, to, null);
		return "analytics/revenue";
	}

	private void fill(Model page, String model, String from, String to, String cursor) {
		Tenant tenant = tenancy.current();
		AttributionModel chosen;
		AnalyticsFilter filter;
		try {
			chosen = AttributionModel.parse(model);
			filter = period.filter(tenant, from, to, null, List.of());
		}
		catch (InvalidInputProblem problem) {
			page.addAttribute("error", problem.getMessage());
			chosen = AttributionModel.LINEAR;
			filter = period.filter(tenant, null, null, null, List.of());
		}
		ZoneId zone = filter.zone();
		RevenueAttribution.Revenue revenue = attribution.revenue(tenant, filter, chosen);
		page.addAttribute("model", chosen);
		page.addAttribute("models", AttributionModel.values());
		page.addAttribute("from", filter.from());
		page.addAttribute("to", filter.to());
		page.addAttribute("zone", zone.getId());
		page.addAttribute("campaigns",
				revenue.campaigns()
					.stream()
					.map(r -> new CampaignLine(r.campaignId(), r.campaignName(), r.deals(),
							money(r.revenue(), r.currency()), money(r.firstTouch(), r.currency()),
							money(r.lastTouch(), r.currency()), money(r.linear(), r.currency())))
					.toList());
		page.addAttribute("totals",
				revenue.totals()
					.stream()
					.map(t -> new TotalLine(t.currency(), t.deals(), money(t.revenue(), t.currency()),
							t.unattributedDeals(), money(t.unattributedRevenue(), t.currency())))
					.toList());
		CursorPage<Deal> list;
		try {
			list = deals.list(tenant, cursor, PAGE_SIZE);
		}
		catch (Problem problem) {
			list = deals.list(tenant, null, PAGE_SIZE);
			cursor = null;
		}
		page.addAttribute("deals",
				list.data()
					.stream()
					.map(d -> new DealLine(d.id(), WHEN.format(d.closedAt().atZone(zone)), d.email(), d.name(),
							money(d.amount(), d.currency()), d.source().label(), d.externalId()))
					.toList());
		page.addAttribute("nextCursor", list.nextCursor());
		page.addAttribute("olderPage", cursor != null && !cursor.isBlank());
		String here = here(chosen, filter.from(), filter.to());
		page.addAttribute("here", here);
		page.addAttribute("canWrite", tenant.role().atLeast(WorkspaceRole.MEMBER));
		String today = LocalDate.now(clock.withZone(zone)).toString();
		page.addAttribute("today", today);
		if (!page.containsAttribute("form")) {
			page.addAttribute("form", new DealForm("", "",
					revenue.totals().isEmpty() ? "EUR" : revenue.totals().get(0).currency(), today, "", ""));
		}
	}

	/** The page's address with its model and period, where forms come back to. */
	static String here(AttributionModel model, LocalDate from, LocalDate to) {
		return UriComponentsBuilder.fromPath("/analytics/revenue")
			.queryParam("model", model.value())
			.queryParam("from", from)
			.queryParam("to", to)
			.build()
			.toUriString();
	}

	/** Only the revenue page itself is a place to come back to. */
	private static String back(String back) {
		boolean ours = back != null && back.startsWith("/analytics/revenue") && !back.contains("//")
				&& back.chars().allMatch(c -> c > ' ' && c < 127);
		return ours ? back : "/analytics/revenue";
	}

	private static java.io.InputStream stream(MultipartFile file) {
		try {
			return file.getInputStream();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static String money(BigDecimal amount) {
		return String.format(Locale.ENGLISH, "%,.2f", amount);
	}

	static String money(BigDecimal amount, String currency) {
		return money(amount) + " " + currency;
	}

}
