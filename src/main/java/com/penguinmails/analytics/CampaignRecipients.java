package com.penguinmails.analytics;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.internal.AnalyticsPeopleQueries;
import com.penguinmails.analytics.internal.EventKind;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.CampaignReach;
import com.penguinmails.inbound.LeadOutcomes;
import com.penguinmails.shared.CsvRows;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.tracking.CampaignEngagement;

/**
 * Who did what in a campaign: the people behind each number of its funnel and tiles, in
 * the order they did it (their first such event), a page at a time (keyset pagination on
 * (when, recipient): no OFFSET). Each read is one indexed query per source plus one for
 * the page's addressees.
 */
@Service
public class CampaignRecipients {

	/** Rows per page when the caller does not say. */
	public static final int DEFAULT_LIMIT = 50;

	/** Rows per page at most. */
	public static final int MAX_LIMIT = 500;

	/**
	 * One person of the list.
	 *
	 * @param contactId the contact (null once erased)
	 * @param step the step (1-based) of the message the event is about
	 * @param at when they did it (their first such event)
	 * @param detail what it said: the bounce's reason, the clicked URL, the opening
	 * client, the conversation's label; may be null
	 * @param machine whether that event was a machine's (mail proxy, scanner)
	 */
	public record Recipient(UUID contactId, String email, String name, String company, int step, Instant at,
			String detail, boolean machine) {
	}

	/**
	 * One page; {@code nextCursor} is null on the last. A page may hold fewer than the
	 * limit and still have a next one.
	 */
	public record Page(RecipientEvent event, boolean human, List<Recipient> people, String nextCursor) {
	}

	/** An event of a source, before the addressee is known. */
	private record Hit(UUID enrolmentId, UUID outboxId, Instant at, String detail, boolean machine) {
	}

	/** Where the page stopped: the last row read (not only kept). */
	private record Key(Instant at, UUID enrolmentId) {

		static final Key START = new Key(null, null);

	}

	private static final Comparator<Hit> ORDER = Comparator.comparing(Hit::at).thenComparing(Hit::enrolmentId);

	private final Campaigns campaigns;

	private final CampaignReach reach;

	private final CampaignEngagement engagement;

	private final AnalyticsPeopleQueries events;

	private final LeadOutcomes leads;

	private final Contacts contacts;

	CampaignRecipients(Campaigns campaigns, CampaignReach reach, CampaignEngagement engagement,
			AnalyticsPeopleQueries events, LeadOutcomes leads, Contacts contacts) {
		this.campaigns = campaigns;
		this.reach = reach;
		this.engagement = engagement;
		this.events = events;
		this.leads = leads;
		this.contacts = contacts;
	}

	/**
	 * A page of the people of a campaign of the caller's workspace who did {@code event}.
	 * @param human for opens and clicks, leave out the machines' (people whose first
	 * event of the kind was a machine's still count when a person's came later)
	 * @param cursor the previous page's {@code nextCursor}, or null for the first
	 * @param limit 1 to {@link #MAX_LIMIT}
	 * @throws InvalidInputProblem (400) for a malformed cursor or limit out of range; 404
	 * for a campaign not of the workspace
	 */
	public Page page(Tenant tenant, UUID campaignId, RecipientEvent event, boolean human, String cursor, int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidInputProblem("invalid-limit", "limit is 1 to " + MAX_LIMIT);
		}
		campaigns.get(tenant, campaignId);
		Key after = decode(cursor);
		UUID workspaceId = tenant.workspaceId();
		List<Hit> read = read(workspaceId, campaignId, event, human, after, limit);
		String next = read.size() < limit ? null : encode(read.get(read.size() - 1));
		List<Hit> kept = read;
		if (event == RecipientEvent.DELIVERED) {
			Set<UUID> bounced = events.bouncedAmong(workspaceId, campaignId,
					read.stream().map(Hit::enrolmentId).toList());
			kept = read.stream().filter(hit -> !bounced.contains(hit.enrolmentId())).toList();
		}
		return new Page(event, human && event.tracked(), people(tenant, campaignId, kept), next);
	}

	/**
	 * Every person of the list as CSV (RFC 4180, formula-safe cells by
	 * {@link CsvRows#line}), written a page at a time: a header row, then email, name,
	 * company, step, at (ISO 8601 UTC), detail, machine.
	 * @throws InvalidInputProblem 404 for a campaign not of the workspace, before
	 * anything is written
	 */
	public void writeCsv(Tenant tenant, UUID campaignId, RecipientEvent event, boolean human, Writer out)
			throws IOException {
		Page page = page(tenant, campaignId, event, human, null, MAX_LIMIT);
		out.write(CsvRows.line("email", "name", "company", "step", "at", "detail", "machine"));
		while (true) {
			for (Recipient r : page.people()) {
				out.write(CsvRows.line(r.email(), r.name(), r.company(), r.step(), r.at(), r.detail(), r.machine()));
			}
			if (page.nextCursor() == null) {
				break;
			}
			out.flush();
			page = page(tenant, campaignId, event, human, page.nextCursor(), MAX_LIMIT);
		}
		out.flush();
	}

	private List<Hit> read(UUID workspaceId, UUID campaignId, RecipientEvent event, boolean human, Key after,
			int limit) {
		return switch (event) {
			case CONTACTED -> reached(workspaceId, campaignId, CampaignReach.Reach.ATTEMPTED, after, limit);
			case DELIVERED -> reached(workspaceId, campaignId, CampaignReach.Reach.SENT, after, limit);
			case OPENED,
					CLICKED ->
				engagement
					.first(workspaceId, campaignId, event == RecipientEvent.CLICKED, human, after.at(),
							after.enrolmentId(), limit)
					.stream()
					.map(f -> new Hit(f.enrolmentId(), f.outboxId(), f.at(), f.detail(), f.machine()))
					.toList();
			case REPLIED -> logged(workspaceId, campaignId, List.of(EventKind.REPLIED), after, limit);
			case UNSUBSCRIBED -> logged(workspaceId, campaignId, List.of(EventKind.UNSUBSCRIBED), after, limit);
			case COMPLAINED -> logged(workspaceId, campaignId, List.of(EventKind.COMPLAINED), after, limit);
			case INTERESTED -> leads.positives(workspaceId, campaignId, after.at(), after.enrolmentId(), limit)
				.stream()
				.map(p -> new Hit(p.enrolmentId(), p.outboxId(), p.at(),
						"meeting_booked".equals(p.label()) ? "Meeting booked" : "Interested", false))
				.toList();
			case BOUNCED -> bounced(workspaceId, campaignId, after, limit);
		};
	}

	private List<Hit> reached(UUID workspaceId, UUID campaignId, CampaignReach.Reach which, Key after, int limit) {
		return reach.reached(workspaceId, campaignId, which, after.at(), after.enrolmentId(), limit)
			.stream()
			.map(r -> new Hit(r.enrolmentId(), r.outboxId(), r.at(), r.detail(), false))
			.toList();
	}

	private List<Hit> logged(UUID workspaceId, UUID campaignId, List<EventKind> kinds, Key after, int limit) {
		return events.first(workspaceId, campaignId, kinds, after.at(), after.enrolmentId(), limit)
			.stream()
			.map(f -> new Hit(f.enrolmentId(), f.outboxId(), f.at(), f.detail(), false))
			.toList();
	}

	/**
	 * Refused at SMTP time and bounced later (DSN), merged in time order; a person in
	 * both is listed at the first.
	 */
	private List<Hit> bounced(UUID workspaceId, UUID campaignId, Key after, int limit) {
		List<Hit> both = new ArrayList<>(reached(workspaceId, campaignId, CampaignReach.Reach.REFUSED, after, limit));
		both.addAll(logged(workspaceId, campaignId, List.of(EventKind.BOUNCED_HARD, EventKind.BOUNCED_SOFT,
				EventKind.BOUNCED_BLOCK, EventKind.BOUNCED_OTHER), after, limit));
		both.sort(ORDER);
		Set<UUID> seen = new HashSet<>();
		List<Hit> merged = new ArrayList<>();
		for (Hit hit : both) {
			if (merged.size() == limit) {
				break;
			}
			if (seen.add(hit.enrolmentId())) {
				merged.add(hit);
			}
		}
		return merged;
	}

	/** The page's people: addressee from their message, company from their contact. */
	private List<Recipient> people(Tenant tenant, UUID campaignId, List<Hit> hits) {
		UUID workspaceId = tenant.workspaceId();
		Map<UUID, CampaignReach.Addressee> byMessage = reach.addressees(workspaceId,
				hits.stream().map(Hit::outboxId).filter(java.util.Objects::nonNull).toList());
		Map<UUID, CampaignReach.Addressee> byRecipient = reach.addresseesOf(workspaceId, campaignId,
				hits.stream().filter(h -> !byMessage.containsKey(h.outboxId())).map(Hit::enrolmentId).toList());
		Map<UUID, CampaignReach.Addressee> addressee = new LinkedHashMap<>();
		hits.forEach(h -> addressee.put(h.enrolmentId(), h.outboxId() != null && byMessage.containsKey(h.outboxId())
				? byMessage.get(h.outboxId()) : byRecipient.get(h.enrolmentId())));
		Map<UUID, Contact> contact = companies(tenant, addressee.values());
		return hits.stream().map(h -> {
			CampaignReach.Addressee a = addressee.get(h.enrolmentId());
			Contact c = a == null || a.contactId() == null ? null : contact.get(a.contactId());
			return new Recipient(a == null ? null : a.contactId(), a == null ? null : a.email(),
					a == null ? null : a.name(), c == null ? null : blankToNull(c.company()),
					a == null ? 0 : a.step() + 1, h.at(), h.detail(), h.machine());
		}).toList();
	}

	/** Contacts, when the caller may read them (an API key needs contacts:read). */
	private Map<UUID, Contact> companies(Tenant tenant, java.util.Collection<CampaignReach.Addressee> addressees) {
		if (tenant.viaApiKey() && !tenant.scopes().contains("contacts:read")) {
			return Map.of();
		}
		return contacts.byIds(tenant,
				addressees.stream()
					.filter(java.util.Objects::nonNull)
					.map(CampaignReach.Addressee::contactId)
					.filter(java.util.Objects::nonNull)
					.distinct()
					.toList());
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	private static String encode(Hit last) {
		String key = last.at() + "," + last.enrolmentId();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
	}

	private static Key decode(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return Key.START;
		}
		try {
			String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int comma = key.indexOf(',');
			return new Key(Instant.parse(key.substring(0, comma)), UUID.fromString(key.substring(comma + 1)));
		}
		catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException ex) {
			throw new InvalidInputProblem("invalid-cursor", "cursor is the nextCursor of a previous page");
		}
	}

}
