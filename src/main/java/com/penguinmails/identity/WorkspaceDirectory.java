package com.penguinmails.identity;

import java.util.List;
import java.util.UUID;

/** Who to tell about a workspace's affairs, for other features (alerts, reports). */
public interface WorkspaceDirectory {

	/**
	 * A member of a workspace, for features that send them mail (scheduled reports).
	 *
	 * @param userId the user's id
	 * @param email their login address
	 * @param displayName their name as they gave it
	 * @param role their role in the workspace
	 */
	record Member(UUID userId, String email, String displayName, com.penguinmails.shared.WorkspaceRole role) {
	}

	/** The workspace's current members: owner first, then admins, members, viewers. */
	List<Member> members(UUID workspaceId);

	/** The email addresses of the workspace's owner and admins. */
	List<String> adminEmails(UUID workspaceId);

	/**
	 * The email address of a member of the workspace, or an empty string (audit entries).
	 */
	String memberEmail(UUID workspaceId, UUID userId);

	/**
	 * The workspaces {@code userId} is a member of, with their role in each (the
	 * sandbox's page shows a user the mail of all of them).
	 */
	java.util.Map<UUID, com.penguinmails.shared.WorkspaceRole> rolesOf(UUID userId);

	/**
	 * The IANA time zone of a member of the workspace (stored at sign-up), else of the
	 * workspace's owner, else {@code UTC}: defaults such as a new campaign's schedule.
	 */
	String timeZone(UUID workspaceId, UUID userId);

	/** The workspace's name, or an empty string when it does not exist. */
	String workspaceName(UUID workspaceId);

	/**
	 * The name recipients see for the workspace (its public sender name, set on the
	 * workspace settings page, else its name), or an empty string when it does not exist.
	 */
	String publicSenderName(UUID workspaceId);

	/**
	 * The IANA time zone a user chose (at sign-up or in their profile), or {@code UTC}
	 * for an unknown user.
	 */
	String timeZone(UUID userId);

}
