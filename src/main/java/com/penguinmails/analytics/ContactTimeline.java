package com.penguinmails.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.internal.TimelineCursor;
import com.penguinmails.analytics.internal.TimelineWords;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactHistory;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.ContactMessages;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.inbound.CampaignNames;
import com.penguinmails.inbound.ContactMessagesIn;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.tracking.ContactEvents;

/**
 * A contact's activity timeline, newest first: every message the outbox holds for it
 * (sent, queued, failed), opens and clicks of what was sent (machines' marked), what came
 * back (replies with their text, auto-replies, bounces with the reason, complaints,
 * unsubscribe requests) and the changes of the contact itself (who made them). Paged by
 * keyset over (time, source, id) across the four sources.
 */
@Service
public class ContactTimeline {

	/** The groups a page filters by; {@code all} is every one. */
	public static final Set<String> GROUPS = Set.of("mail", "engagement", "changes");

	/** Opens and clicks are looked for among the contact's last sent messages. */
	static final int MESSAGES_SCANNED = 1000;

	private record Item(int source, String id, TimelineEntry entry) {
	}

	private static final Comparator<Item> NEWEST_FIRST = Comparator
		.comparing((Item item) -> item.entry().at(), Comparator.reverseOrder())
		.thenComparingInt(Item::source)
		.thenComparing((a, b) -> a.source() == 3 ? Long.compare(Long.parseLong(b.id()), Long.parseLong(a.id()))
				: b.id().compareTo(a.id()));

	private final Contacts contacts;

	private final ContactHistory history;

	private final ContactMessages sent;

	private final ContactEvents events;

	private final ContactMessagesIn received;

	private final List<CampaignNames> campaignNames;

	private final WorkspaceDirectory directory;

	ContactTimeline(Contacts contacts, ContactHistory history, ContactMessages sent, ContactEvents events,
			ContactMessagesIn received, List<CampaignNames> campaignNames, WorkspaceDirectory directory) {
		this.contacts = contacts;
		this.history = history;
		this.sent = sent;
		this.events = events;
		this.received = received;
		this.campaignNames = campaignNames;
		this.directory = directory;
	}

	/**
	 * A page of the contact's timeline, newest first, at most {@code limit} (1 to 200);
	 * pass {@code nextCursor} back as {@code cursor} for older entries.
	 * @param groups the groups to show ({@link #GROUPS}); empty for all
	 * @throws com.penguinmails.shared.NotFoundProblem when it is not a contact of the
	 * caller's workspace
	 * @throws InvalidInputProblem {@code invalid-cursor}, {@code invalid-limit},
	 * {@code invalid-kinds}
	 */
	public CursorPage<TimelineEntry> of(com.penguinmails.shared.Tenant tenant, UUID contactId, String cursor, int limit,
			Set<String> groups) {
		Contact contact = contacts.get(tenant, contactId);
		CursorPage.limit(limit, 200);
		if (!GROUPS.containsAll(groups)) {
			throw new InvalidInputProblem("invalid-kinds",
					"kinds is a comma-separated list of mail, engagement, changes.");
		}
		TimelineCursor after = TimelineCursor.parse(cursor);
		UUID workspaceId = tenant.workspaceId();
		Map<UUID, String> names = new HashMap<>();
		campaignNames.forEach(source -> source.campaigns(workspaceId).forEach(c -> names.put(c.id(), c.name())));
		int fetch = limit + 1;
		List<Item> items = new ArrayList<>();
		boolean all = groups.isEmpty();
		if (all || groups.contains("mail")) {
			sent.sentTo(workspaceId, contactId, TimelineCursor.keyset(after, 0), fetch)
				.forEach(m -> items
					.add(new Item(0, m.id().toString(), TimelineWords.sent(m, names.get(m.campaignId())))));
			received.about(workspaceId, contactId, contact.email(), TimelineCursor.keyset(after, 1), fetch)
				.forEach(r -> items
					.add(new Item(1, r.id().toString(), TimelineWords.received(r, names.get(r.campaignId())))));
		}
		if (all || groups.contains("engagement")) {
			events
				.of(workspaceId, sent.sentIds(workspaceId, contactId, MESSAGES_SCANNED),
						TimelineCursor.keyset(after, 2), fetch)
				.forEach(e -> items
					.add(new Item(2, e.id().toString(), TimelineWords.engagement(e, names.get(e.campaignId())))));
		}
		if (all || groups.contains("changes")) {
			Map<UUID, String> actors = new HashMap<>();
			history.of(workspaceId, contactId, TimelineCursor.keyset(after, 3), fetch)
				.forEach(c -> items.add(new Item(3, Long.toString(c.id()),
						TimelineWords.change(c, actor(workspaceId, c.actorUserId(), actors)))));
		}
		items.sort(NEWEST_FIRST);
		List<TimelineEntry> page = items.stream().limit(limit).map(Item::entry).toList();
		if (items.size() <= limit) {
			return CursorPage.of(page);
		}
		Item last = items.get(limit - 1);
		return new CursorPage<>(page, new TimelineCursor(last.entry().at(), last.source(), last.id()).toString());
	}

	private String actor(UUID workspaceId, UUID userId, Map<UUID, String> known) {
		if (userId == null) {
			return "PenguinMails";
		}
		return known.computeIfAbsent(userId, id -> {
			String email = directory.memberEmail(workspaceId, id);
			return email.isEmpty() ? "a former member" : email;
		});
	}

}
