package com.penguinmails.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.penguinmails.alerts.Alerts;
import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.dashboard.Summary.Attention;
import com.penguinmails.dashboard.Summary.ChartDay;
import com.penguinmails.dashboard.internal.DashboardRepository;
import com.penguinmails.dashboard.internal.DashboardRepository.Totals;
import com.penguinmails.domains.Domain;
import com.penguinmails.domains.DomainStatus;
import com.penguinmails.domains.Domains;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The home dashboard: figures summed from the daily read model ({@code dashboard_daily},
 * at most 30 rows a period however many messages were sent), plus the workspace's
 * mailboxes, domains, running campaigns and unread alerts, read through their features'
 * services.
 */
@Service
public class Dashboard {

	private static final int CHART_DAYS = 30;

	private final DashboardRepository figures;

	private final Mailboxes mailboxes;

	private final Domains domains;

	private final Campaigns campaigns;

	private final Alerts alerts;

	private final SetupChecklist checklist;

	private final Clock clock;

	Dashboard(DashboardRepository figures, Mailboxes mailboxes, Domains domains, Campaigns campaigns, Alerts alerts,
			SetupChecklist checklist, Clock clock) {
		this.checklist = checklist;
		this.figures = figures;
		this.mailboxes = mailboxes;
		this.domains = domains;
		this.campaigns = campaigns;
		this.alerts = alerts;
		this.clock = clock;
	}

	/**
	 * The dashboard of the caller's workspace, for any member; an API key needs the
	 * {@code campaigns:read}, {@code mailboxes:read}, {@code domains:read} and
	 * {@code workspace:read} (alerts) scopes.
	 * @throws com.penguinmails.shared.AccessDeniedProblem for a key without them (403)
	 */
	public Summary summary(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		return summary(tenant, mailboxes.list(tenant), domains.list(tenant), campaigns.list(tenant));
	}

	/** The home page: the dashboard and the setup checklist, each list read once. */
	public record Home(Summary summary, Checklist checklist) {
	}

	/** The home page's dashboard and checklist (see {@link #summary}). */
	public Home home(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		List<Mailbox> boxes = mailboxes.list(tenant);
		List<Domain> all = domains.list(tenant);
		List<Campaign> campaignList = campaigns.list(tenant);
		return new Home(summary(tenant, boxes, all, campaignList), checklist.of(tenant, all, boxes, campaignList));
	}

	private Summary summary(Tenant tenant, List<Mailbox> boxes, List<Domain> all, List<Campaign> campaignList) {
		UUID workspaceId = tenant.workspaceId();
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		List<Attention> attention = new ArrayList<>();
		alerts.recent(tenant, 20)
			.stream()
			.filter(alert -> alert.readAt() == null)
			.limit(5)
			.forEach(alert -> attention.add(new Attention("alert", alert.title(),
					alert.link() == null || alert.link().isBlank() ? "/alerts" : alert.link())));
		boxes.stream().filter(box -> box.status() != MailboxStatus.ACTIVE).forEach(box -> attention.add(mailbox(box)));
		attention.addAll(stuckCampaigns(campaignList, boxes));
		Map<String, Long> mailboxStates = new LinkedHashMap<>();
		for (MailboxStatus status : MailboxStatus.values()) {
			mailboxStates.put(status.value(), boxes.stream().filter(box -> box.status() == status).count());
		}
		Map<String, Long> domainStates = new LinkedHashMap<>();
		Map<DomainStatus, Long> byStatus = all.stream()
			.collect(Collectors.groupingBy(domain -> domain.status(), Collectors.counting()));
		for (DomainStatus status : List.of(DomainStatus.VERIFIED, DomainStatus.PENDING, DomainStatus.FAILING)) {
			domainStates.put(status.value(), byStatus.getOrDefault(status, 0L));
		}
		return new Summary(attention, period(workspaceId, today, today), period(workspaceId, today.minusDays(6), today),
				period(workspaceId, today.minusDays(29), today), mailboxStates, domainStates,
				chart(workspaceId, today));
	}

	private Figures period(UUID workspaceId, LocalDate from, LocalDate to) {
		Totals totals = figures.totals(workspaceId, from, to);
		long people = figures.repliers(workspaceId, from, to);
		double rate = totals.sent() == 0 ? 0 : Math.min(1.0, (double) people / totals.sent());
		return new Figures(totals.sent(), Math.max(0, totals.sent() - totals.bounced()), people, rate,
				totals.positive(), totals.bounced(), totals.complained(), totals.unsubscribed());
	}

	private List<ChartDay> chart(UUID workspaceId, LocalDate today) {
		LocalDate from = today.minusDays(CHART_DAYS - 1);
		Map<LocalDate, DashboardRepository.Day> days = new HashMap<>();
		figures.days(workspaceId, from, today).forEach(day -> days.put(day.day(), day));
		List<ChartDay> chart = new ArrayList<>(CHART_DAYS);
		for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
			DashboardRepository.Day found = days.get(day);
			chart.add(new ChartDay(day, found == null ? 0 : found.sent(), found == null ? 0 : found.replied()));
		}
		return chart;
	}

	private static Attention mailbox(Mailbox box) {
		// Why: the recorded pause reason (complaints, refusals, a person), else the
		// error.
		String reason = box.status() == MailboxStatus.PAUSED && box.pause() != null ? box.pause().reason()
				: box.lastError();
		String why = reason == null || reason.isBlank() ? "" : ": " + reason;
		String state = box.status() == MailboxStatus.PAUSED ? " is paused" : " is in error";
		return new Attention("mailbox", box.email() + state + why, "/mailboxes/" + box.id());
	}

	/** Running campaigns none of whose mailboxes can send: nothing will go out. */
	private static List<Attention> stuckCampaigns(List<Campaign> campaignList, List<Mailbox> boxes) {
		Set<UUID> active = boxes.stream()
			.filter(box -> box.status() == MailboxStatus.ACTIVE)
			.map(Mailbox::id)
			.collect(Collectors.toSet());
		List<Attention> stuck = new ArrayList<>();
		for (Campaign campaign : campaignList) {
			if (campaign.status() == CampaignStatus.RUNNING
					&& campaign.mailboxIds().stream().noneMatch(active::contains)) {
				stuck.add(new Attention("campaign", campaign.name() + " is running but none of its mailboxes can send",
						"/campaigns/" + campaign.id()));
			}
		}
		return stuck;
	}

}
