package com.penguinmails.campaigns.internal;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.UnknownIdsProblem;

/**
 * The contacts a campaign's new recipients name: contacts by id, the members of lists,
 * the contacts of saved segments, each checked to be the workspace's.
 */
@Component
public class RecipientIds {

	private final Contacts contacts;

	private final Segments segments;

	RecipientIds(Contacts contacts, Segments segments) {
		this.contacts = contacts;
		this.segments = segments;
	}

	/**
	 * Every contact the ids name (null lists are empty).
	 * @throws InvalidInputProblem for a null id
	 * @throws UnknownIdsProblem naming contacts, lists or segments not of the workspace
	 */
	public Set<UUID> of(UUID workspaceId, List<UUID> contactIds, List<UUID> listIds, List<UUID> segmentIds) {
		return resolve(workspaceId, orEmpty(contactIds), orEmpty(listIds), orEmpty(segmentIds));
	}

	private Set<UUID> resolve(UUID workspaceId, List<UUID> contactIds, List<UUID> listIds, List<UUID> segmentIds) {
		for (List<UUID> given : Arrays.asList(contactIds, listIds, segmentIds)) {
			if (given.stream().anyMatch(Objects::isNull)) {
				throw new InvalidInputProblem("invalid-ids",
						"contactIds, listIds and segmentIds hold ids, never null.");
			}
		}
		Set<UUID> ids = new LinkedHashSet<>(contactIds);
		List<UUID> unknown = contacts.missing(workspaceId, ids);
		if (!unknown.isEmpty()) {
			throw new UnknownIdsProblem("Contacts", unknown);
		}
		Tenant workspace = Tenant.system(workspaceId);
		Set<UUID> lists = segments.lists(workspace).stream().map(Segments.ContactList::id).collect(Collectors.toSet());
		List<UUID> unknownLists = listIds.stream().filter(list -> !lists.contains(list)).distinct().toList();
		if (!unknownLists.isEmpty()) {
			throw new UnknownIdsProblem("Lists", unknownLists);
		}
		List<UUID> unknownSegments = segmentIds.stream()
			.filter(segment -> !segmentExists(workspace, segment))
			.distinct()
			.toList();
		if (!unknownSegments.isEmpty()) {
			throw new UnknownIdsProblem("Segments", unknownSegments);
		}
		for (UUID list : listIds) {
			ids.addAll(segments.listMemberIds(workspace, list));
		}
		for (UUID segment : segmentIds) {
			ids.addAll(segments.segmentContactIds(workspace, segment));
		}
		return ids;
	}

	private boolean segmentExists(Tenant workspace, UUID segmentId) {
		try {
			segments.segment(workspace, segmentId);
			return true;
		}
		catch (NotFoundProblem ex) {
			return false;
		}
	}

	private static List<UUID> orEmpty(List<UUID> ids) {
		return ids == null ? List.of() : ids;
	}

}
