package com.penguinmails.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.contacts.internal.ContactChangePages;
import com.penguinmails.shared.Keyset;

/**
 * For other features (a contact's activity timeline): the recorded changes of a contact
 * ({@code contact_changes}, V45), newest first.
 */
@Service
public class ContactHistory {

	/**
	 * One change.
	 *
	 * @param id increasing with each change recorded
	 * @param kind created, updated, status, tag_added, tag_removed, list_added,
	 * list_removed, imported
	 * @param detail in words: "company: Acme → Blue Harbor", a tag, a list's name,
	 * "Active → Unsubscribed"
	 * @param actorUserId the user who did it, null when PenguinMails did
	 * @param jobId the import or bulk job that did it, or null
	 */
	public record Change(long id, String kind, String detail, UUID actorUserId, UUID jobId, Instant occurredAt) {
	}

	private final ContactChangePages pages;

	ContactHistory(ContactChangePages pages) {
		this.pages = pages;
	}

	/**
	 * The contact's changes after {@code before} (ids compared as whole numbers), newest
	 * first (time, then id), at most {@code limit}. No caller role is involved: the
	 * caller checks the contact is the workspace's.
	 */
	public List<Change> of(UUID workspaceId, UUID contactId, Keyset before, int limit) {
		return pages.of(workspaceId, contactId, before, limit);
	}

}
