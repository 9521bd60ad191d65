package com.penguinmails.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.internal.views.EventQueries;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;

/**
 * The workspace's per-recipient events (who was sent, opened, clicked, replied, bounced,
 * unsubscribed, complained) in a period, newest first, a page at a time by cursor: a list
 * of raw events, not a figure. Readers as for {@link WorkspaceAnalytics}.
 */
@Service
public class WorkspaceEvents {

	/** The kinds of per-recipient events listed by {@link #page}. */
	public static final List<String> EVENT_KINDS = List.of("sent", "opened", "clicked", "replied", "auto_replied",
			"bounced", "unsubscribed", "complained");

	/**
	 * One per-recipient event.
	 *
	 * @param step 1-based
	 * @param variant A, B...
	 * @param email the recipient's address
	 * @param detail the clicked URL, the bounce reason, why a send was refused; or null
	 * @param machine an open or click by a privacy proxy or scanner
	 */
	public record Event(Instant at, String kind, UUID campaignId, String campaign, int step, String variant,
			String email, String detail, boolean machine) {
	}

	/** A page of events, newest first; {@code nextCursor} is null on the last page. */
	public record EventPage(String kind, List<Event> data, String nextCursor) {
	}

	private final EventQueries events;

	private final WorkspaceAnalytics analytics;

	WorkspaceEvents(EventQueries events, WorkspaceAnalytics analytics) {
		this.events = events;
		this.analytics = analytics;
	}

	/**
	 * Per-recipient events of one kind in the filter's period and campaigns, newest
	 * first, a page at a time.
	 * @param cursor the previous page's {@code nextCursor}, or null for the first page
	 * @param limit 1 to 500
	 * @throws InvalidInputProblem for an unknown kind, a bad cursor or limit
	 */
	public EventPage page(Tenant tenant, AnalyticsFilter filter, String kind, boolean human, String cursor, int limit) {
		WorkspaceAnalytics.requireReader(tenant);
		if (!EVENT_KINDS.contains(kind)) {
			throw new InvalidInputProblem("invalid-kind", "kind is one of " + String.join(", ", EVENT_KINDS));
		}
		if (limit < 1 || limit > 500) {
			throw new InvalidInputProblem("invalid-limit", "limit is from 1 to 500");
		}
		Instant beforeAt = null;
		String beforeKey = null;
		if (cursor != null && !cursor.isBlank()) {
			try {
				String[] parts = new String(java.util.Base64.getUrlDecoder().decode(cursor),
						java.nio.charset.StandardCharsets.UTF_8)
					.split("\\|", 2);
				beforeAt = Instant.parse(parts[0]);
				beforeKey = parts[1];
			}
			catch (RuntimeException ex) {
				throw new InvalidInputProblem("invalid-cursor", "cursor is the nextCursor of a previous page");
			}
		}
		Map<UUID, String> names = analytics.campaignNames(tenant.workspaceId());
		List<EventQueries.Hit> hits = events.page(tenant.workspaceId(), filter, kind, human, beforeAt, beforeKey,
				limit + 1);
		List<Event> page = new ArrayList<>();
		for (EventQueries.Hit hit : hits.subList(0, Math.min(limit, hits.size()))) {
			page.add(new Event(hit.at(), kind, hit.campaignId(),
					names.getOrDefault(hit.campaignId(), "Deleted campaign"), hit.step() + 1,
					String.valueOf((char) ('A' + hit.variant())), hit.email(), hit.detail(), hit.machine()));
		}
		String next = null;
		if (hits.size() > limit) {
			EventQueries.Hit last = hits.get(limit - 1);
			next = java.util.Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((last.at() + "|" + last.key()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		return new EventPage(kind, page, next);
	}

}
