package com.penguinmails.tracking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.shared.Keyset;
import com.penguinmails.tracking.internal.ContactEventRepository;

/**
 * For other features (a contact's activity timeline): the opens and clicks of given sent
 * messages, people's and machines' alike, newest first.
 */
@Service
public class ContactEvents {

	/**
	 * One open or click.
	 *
	 * @param kind {@code open} or {@code click}
	 * @param url the clicked address (null for an open)
	 * @param machine whether a privacy proxy or a link scanner made it, not a person;
	 * {@code machineReason} then says which (e.g. {@code apple_mpp}, {@code scanner})
	 */
	public record Event(UUID id, UUID outboxId, UUID campaignId, Integer step, String kind, String url, boolean machine,
			String machineReason, Instant occurredAt) {
	}

	private final ContactEventRepository repository;

	ContactEvents(ContactEventRepository repository) {
		this.repository = repository;
	}

	/**
	 * The events of the messages {@code outboxIds} (those of other workspaces never
	 * match) after {@code before} (UUID ids), newest first (time, then id), at most
	 * {@code limit}.
	 */
	public List<Event> of(UUID workspaceId, Collection<UUID> outboxIds, Keyset before, int limit) {
		return outboxIds.isEmpty() ? List.of() : repository.of(workspaceId, outboxIds, before, limit);
	}

}
