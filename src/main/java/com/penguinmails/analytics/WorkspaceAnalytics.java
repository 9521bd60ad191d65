package com.penguinmails.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.AnalyticsViews.Cell;
import com.penguinmails.analytics.AnalyticsViews.Day;
import com.penguinmails.analytics.AnalyticsViews.Entry;
import com.penguinmails.analytics.AnalyticsViews.Heatmap;
import com.penguinmails.analytics.AnalyticsViews.Overview;
import com.penguinmails.analytics.AnalyticsViews.Stage;
import com.penguinmails.analytics.AnalyticsViews.VariantEntry;
import com.penguinmails.analytics.internal.rollup.RollupStore;
import com.penguinmails.analytics.internal.views.InterestedQueries;
import com.penguinmails.analytics.internal.views.RollupQueries;
import com.penguinmails.analytics.internal.views.RollupQueries.Dim;
import com.penguinmails.analytics.internal.views.RollupQueries.Row;
import com.penguinmails.inbound.CampaignNames;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.StoredValue;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Workspace analytics over any period and filter, read from the rollups (never from raw
 * events): overview with trends, funnel, send-time heatmap, mailbox and domain league
 * tables, recipient providers, campaigns and A/B variants; each also as a
 * {@link ReportTable} for exports and scheduled reports. Readers need the viewer role
 * and, by API key, {@code analytics:read}.
 */
@Service
public class WorkspaceAnalytics {

	/** Heatmap cells with fewer messages sent are not ranked as best hours. */
	static final long HEATMAP_MINIMUM = 20;

	private final RollupQueries rollups;

	private final InterestedQueries interested;

	private final RollupStore store;

	private final CampaignNames campaignNames;

	private final Mailboxes mailboxes;

	private final com.penguinmails.contacts.Segments segments;

	private final Cohorts cohorts;

	// Recommendations are made from this class's views: looked up when a file needs them.
	private final org.springframework.beans.factory.ObjectProvider<Recommendations> recommendations;

	WorkspaceAnalytics(RollupQueries rollups, InterestedQueries interested, RollupStore store,
			CampaignNames campaignNames, Mailboxes mailboxes, com.penguinmails.contacts.Segments segments,
			Cohorts cohorts, org.springframework.beans.factory.ObjectProvider<Recommendations> recommendations) {
		this.cohorts = cohorts;
		this.recommendations = recommendations;
		this.segments = segments;
		this.rollups = rollups;
		this.interested = interested;
		this.store = store;
		this.campaignNames = campaignNames;
		this.mailboxes = mailboxes;
	}

	/** Checks the caller may read the workspace's analytics. */
	public static void requireReader(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "analytics:read");
	}

	/** The workspace's time zone, in which periods are days. */
	public ZoneId zone(UUID workspaceId) {
		return store.workspaceZone(workspaceId);
	}

	/** The period's totals, the previous period's and every day's. */
	public Overview overview(Tenant tenant, AnalyticsFilter filter) {
		requireReader(tenant);
		return overview(tenant.workspaceId(), filter);
	}

	Overview overview(UUID ws, AnalyticsFilter filter) {
		List<UUID> boxes = mailboxFilter(ws, filter);
		Totals previous = totals(ws, filter.previous(), boxes);
		// Measures add up over days (one read); interested counts the whole period.
		Map<LocalDate, Totals> byDay = new TreeMap<>();
		Totals sum = Totals.NONE;
		for (Row row : rollups.sums(ws, filter, store.rollupZone(ws), boxes, EnumSet.of(Dim.DAY))) {
			byDay.put(row.day(), row.totals());
			sum = sum.plus(row.totals());
		}
		Totals totals = sum.withInterested(interested.count(ws, filter, boxes, null).getOrDefault("", 0L));
		interested.count(ws, filter, boxes, Dim.DAY)
			.forEach((day, n) -> byDay.merge(LocalDate.parse(day), Totals.NONE.withInterested(n), Totals::plus));
		List<Day> days = new ArrayList<>();
		for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
			days.add(new Day(day, byDay.getOrDefault(day, Totals.NONE)));
		}
		return new Overview(filter.from(), filter.to(), filter.zone().getId(), totals, previous, days);
	}

	/**
	 * The funnel of people: contacted, delivered to (contacted less bounced), opened,
	 * clicked, replied, interested.
	 */
	public List<Stage> funnel(Tenant tenant, AnalyticsFilter filter) {
		requireReader(tenant);
		return funnel(tenant.workspaceId(), filter);
	}

	List<Stage> funnel(UUID ws, AnalyticsFilter filter) {
		Totals t = totals(ws, filter, mailboxFilter(ws, filter));
		long contacted = t.peopleContacted();
		long delivered = Math.max(0, contacted - Math.min(contacted, t.bounced()));
		long[] people = { contacted, delivered, t.peopleOpened(), t.peopleClicked(), t.peopleReplied(),
				t.interested() };
		String[] names = { "Contacted", "Delivered", "Opened", "Clicked", "Replied", "Interested" };
		List<Stage> stages = new ArrayList<>();
		for (int i = 0; i < people.length; i++) {
			Double ofPrevious = i == 0 ? (contacted == 0 ? null : 1.0)
					: people[i - 1] == 0 ? null : Totals.rate(people[i], people[i - 1]);
			stages.add(new Stage(names[i], people[i], Totals.rate(people[i], contacted), ofPrevious));
		}
		return stages;
	}

	/**
	 * Reply rate by the recipient's local weekday and hour at sending. Only the campaign
	 * filter applies (the heatmap is kept per campaign).
	 */
	public Heatmap heatmap(Tenant tenant, AnalyticsFilter filter) {
		requireReader(tenant);
		return heatmap(tenant.workspaceId(), filter);
	}

	Heatmap heatmap(UUID ws, AnalyticsFilter filter) {
		long[][] sums = new long[168][2];
		for (RollupQueries.Slot slot : rollups.slots(ws, filter)) {
			sums[slot.slot()][0] = slot.sent();
			sums[slot.slot()][1] = slot.replied();
		}
		List<Cell> cells = new ArrayList<>();
		for (int i = 0; i < 168; i++) {
			cells.add(new Cell(i / 24 + 1, i % 24, sums[i][0], sums[i][1], Totals.rate(sums[i][1], sums[i][0])));
		}
		List<Cell> best = cells.stream()
			.filter(c -> c.sent() >= HEATMAP_MINIMUM && c.replied() > 0)
			.sorted(Comparator.comparingDouble(Cell::replyRate)
				.reversed()
				.thenComparing(Cell::sent, Comparator.reverseOrder()))
			.limit(3)
			.toList();
		return new Heatmap(cells, best, HEATMAP_MINIMUM);
	}

	/** Per sending mailbox, most sent first. */
	public List<Entry> mailboxes(Tenant tenant, AnalyticsFilter filter) {
		requireReader(tenant);
		return mailboxes(tenant.workspaceId(), filter);
	}

	List<Entry> mailboxes(UUID ws, AnalyticsFilter filter) {
		List<UUID> boxes = mailboxFilter(ws, filter);
		Map<String, Totals> byMailbox = grouped(ws, filter, boxes, Dim.MAILBOX);
		Map<UUID, String> emails = mailboxEmails(ws);
		List<Entry> entries = new ArrayList<>();
		byMailbox.forEach((id, totals) -> entries.add(new Entry(id,
				id.isEmpty() ? "No mailbox" : emails.getOrDefault(UUID.fromString(id), "Removed mailbox"), totals)));
		return sorted(entries);
	}

	/** Per sending domain (the domain of the mailbox's address), most sent first. */
	public List<Entry> domains(Tenant tenant, AnalyticsFilter filter) {
		requireReader(tenant);
		return domains(tenant.workspaceId(), filter);
	}

	List<Entry> domains(UUID ws, AnalyticsFilter filter) {
		Map<String, Totals> byDomain = new TreeMap<>();
		for (Entry mailbox : mailboxes(ws, filter)) {
			int at = mailbox.label().lastIndexOf('@');
			String domain = at < 0 ? mailbox.label() : mailbox.label().substring(at + 1).toLowerCase(Locale.ROOT);
			byDomain.merge(domain, mailbox.totals(), Totals::plus);
		}
		List<Entry> entries = new ArrayList<>();
		byDomain.forEach((domain, totals) -> entries.add(new Entry(domain, domain, totals)));
		return sorted(entries);
	}

	/** Per recipient provider (Google, Microsoft, Yahoo, other), most sent first. */
	public List<Entry> providers(Tenant tenant, AnalyticsFilter filter) {
		requireReader(tenant);
		return providers(tenant.workspaceId(), filter);
	}

	List<Entry> providers(UUID ws, AnalyticsFilter filter) {
		Map<String, Totals> byProvider = grouped(ws, filter, mailboxFilter(ws, filter), Dim.PROVIDER);
		List<Entry> entries = new ArrayList<>();
		byProvider.forEach((value, totals) -> entries.add(new Entry(value, providerLabel(value), totals)));
		return sorted(entries);
	}

	/** Per campaign, most sent first. */
	public List<Entry> campaigns(Tenant tenant, AnalyticsFilter filter) {
		requireReader(tenant);
		return campaigns(tenant.workspaceId(), filter);
	}

	List<Entry> campaigns(UUID ws, AnalyticsFilter filter) {
		Map<String, Totals> byCampaign = grouped(ws, filter, mailboxFilter(ws, filter), Dim.CAMPAIGN);
		Map<UUID, String> names = campaignNames(ws);
		List<Entry> entries = new ArrayList<>();
		byCampaign.forEach((id, totals) -> entries
			.add(new Entry(id, names.getOrDefault(UUID.fromString(id), "Deleted campaign"), totals)));
		return sorted(entries);
	}

	/**
	 * Per campaign, step and variant: the A/B history, by campaign then step then
	 * variant.
	 */
	public List<VariantEntry> variants(Tenant tenant, AnalyticsFilter filter) {
		requireReader(tenant);
		return variants(tenant.workspaceId(), filter);
	}

	List<VariantEntry> variants(UUID ws, AnalyticsFilter filter) {
		List<UUID> boxes = mailboxFilter(ws, filter);
		Map<String, Long> interestedBy = interested.count(ws, filter, boxes, Dim.VARIANT);
		Map<UUID, String> names = campaignNames(ws);
		List<VariantEntry> entries = new ArrayList<>();
		for (Row row : rollups.sums(ws, filter, store.rollupZone(ws), boxes,
				EnumSet.of(Dim.CAMPAIGN, Dim.STEP, Dim.VARIANT))) {
			long people = interestedBy.getOrDefault(row.campaignId() + ":" + row.step() + ":" + row.variant(), 0L);
			entries.add(new VariantEntry(row.campaignId(), names.getOrDefault(row.campaignId(), "Deleted campaign"),
					row.step() + 1, String.valueOf((char) ('A' + row.variant())), row.totals().withInterested(people)));
		}
		entries.sort(Comparator.comparing(VariantEntry::campaign)
			.thenComparing(VariantEntry::campaignId)
			.thenComparingInt(VariantEntry::step)
			.thenComparing(VariantEntry::variant));
		return entries;
	}

	/**
	 * A view as a table for a file: columns in words, one row per entry, and a chart for
	 * the overview, day by day and the breakdowns.
	 */
	public ReportTable table(UUID workspaceId, ReportView view, AnalyticsFilter filter) {
		return new ReportTables(this, cohorts, recommendations.getObject()).of(workspaceId, view, filter,
				subtitle(workspaceId, filter));
	}

	/**
	 * The period and filters in words, e.g.
	 * {@code "1 Nov 2026 – 30 Nov 2026 (Europe/Paris)
	 * · campaign Q4 outreach"}.
	 */
	public String subtitle(UUID workspaceId, AnalyticsFilter filter) {
		java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy",
				Locale.ENGLISH);
		StringBuilder words = new StringBuilder(format.format(filter.from())).append(" – ")
			.append(format.format(filter.to()))
			.append(" (")
			.append(filter.zone().getId())
			.append(")");
		if (!filter.campaignIds().isEmpty()) {
			Map<UUID, String> names = campaignNames(workspaceId);
			words.append(" · campaign ")
				.append(String.join(", ",
						filter.campaignIds().stream().map(id -> names.getOrDefault(id, "deleted")).sorted().toList()));
		}
		if (!filter.mailboxIds().isEmpty()) {
			Map<UUID, String> emails = mailboxEmails(workspaceId);
			words.append(" · mailbox ")
				.append(String.join(", ",
						filter.mailboxIds().stream().map(id -> emails.getOrDefault(id, "removed")).sorted().toList()));
		}
		if (filter.domain() != null) {
			words.append(" · domain ").append(filter.domain());
		}
		if (filter.step() != null) {
			words.append(" · step ").append(filter.step());
		}
		if (filter.variant() != null) {
			words.append(" · variant ").append((char) ('A' + filter.variant()));
		}
		if (filter.provider() != null) {
			words.append(" · ").append(filter.provider().label());
		}
		if (filter.listId() != null) {
			String name = segments.lists(Tenant.system(workspaceId))
				.stream()
				.filter(l -> l.id().equals(filter.listId()))
				.map(com.penguinmails.contacts.Segments.ContactList::name)
				.findFirst()
				.orElse("deleted");
			words.append(" · list ").append(name);
		}
		if (filter.tag() != null) {
			words.append(" · tag ").append(filter.tag());
		}
		return words.toString();
	}

	Totals totals(UUID ws, AnalyticsFilter filter, List<UUID> boxes) {
		Totals sum = Totals.NONE;
		for (Row row : rollups.sums(ws, filter, store.rollupZone(ws), boxes, Set.of())) {
			sum = sum.plus(row.totals());
		}
		long people = interested.count(ws, filter, boxes, null).getOrDefault("", 0L);
		return sum.withInterested(people);
	}

	private Map<String, Totals> grouped(UUID ws, AnalyticsFilter filter, List<UUID> boxes, Dim dim) {
		Map<String, Totals> groups = new LinkedHashMap<>();
		for (Row row : rollups.sums(ws, filter, store.rollupZone(ws), boxes, EnumSet.of(dim))) {
			Object key = switch (dim) {
				case MAILBOX -> row.mailboxId();
				case CAMPAIGN -> row.campaignId();
				case PROVIDER -> row.provider();
				default -> throw new IllegalArgumentException(dim.name());
			};
			groups.merge(key == null ? "" : key.toString(), row.totals(), Totals::plus);
		}
		interested.count(ws, filter, boxes, dim)
			.forEach((key, n) -> groups.merge(key, Totals.NONE.withInterested(n), Totals::plus));
		return groups;
	}

	/**
	 * The mailboxes the filter keeps (its mailboxes, those of its domain), or null when
	 * it keeps every mailbox.
	 */
	List<UUID> mailboxFilter(UUID ws, AnalyticsFilter filter) {
		if (filter.mailboxIds().isEmpty() && filter.domain() == null) {
			return null;
		}
		List<UUID> kept = new ArrayList<>();
		for (Map.Entry<UUID, String> mailbox : mailboxEmails(ws).entrySet()) {
			boolean byId = filter.mailboxIds().isEmpty() || filter.mailboxIds().contains(mailbox.getKey());
			boolean byDomain = filter.domain() == null || mailbox.getValue()
				.toLowerCase(Locale.ROOT)
				.endsWith("@" + filter.domain().toLowerCase(Locale.ROOT));
			if (byId && byDomain) {
				kept.add(mailbox.getKey());
			}
		}
		return kept;
	}

	Map<UUID, String> mailboxEmails(UUID ws) {
		Map<UUID, String> emails = new HashMap<>();
		for (Mailbox mailbox : mailboxes.list(Tenant.system(ws))) {
			emails.put(mailbox.id(), mailbox.email());
		}
		return emails;
	}

	Map<UUID, String> campaignNames(UUID ws) {
		Map<UUID, String> names = new HashMap<>();
		for (CampaignNames.Named named : campaignNames.campaigns(ws)) {
			names.put(named.id(), named.name());
		}
		return names;
	}

	static String providerLabel(String value) {
		try {
			return StoredValue.of(RecipientProvider.class, value).label();
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	private static List<Entry> sorted(List<Entry> entries) {
		entries.sort(Comparator.comparingLong((Entry e) -> e.totals().sent()).reversed().thenComparing(Entry::label));
		return entries;
	}

}
