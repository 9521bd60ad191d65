package com.penguinmails.contacts;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Which of a workspace's contacts a page, an export or a bulk action is about. Every part
 * is optional (null or blank: no condition); the parts that are given must all hold.
 *
 * @param q words to find, each (any case, in any order) in the email, first or last name,
 * company, title, the address's domain or a custom text field
 * @param listId members of this static list only
 * @param tag contacts with this tag (compared in lower case, as tags are stored)
 * @param status contacts with this status
 * @param segmentId contacts the saved segment matches now
 */
public record ContactFilter(String q, UUID listId, String tag, ContactStatus status, UUID segmentId) {

	/** Every contact of the workspace. */
	public static ContactFilter all() {
		return new ContactFilter(null, null, null, null, null);
	}

	/**
	 * True when nothing narrows the selection. Not part of the filter's JSON (a bulk
	 * job's {@code filter}): a derived flag, not a condition a client can send back.
	 */
	@JsonIgnore
	public boolean isEmpty() {
		return (q == null || q.isBlank()) && listId == null && (tag == null || tag.isBlank()) && status == null
				&& segmentId == null;
	}

}
