package com.penguinmails.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.identity.internal.WorkspaceRepository.Invitation;
import com.penguinmails.identity.internal.WorkspaceRepository.Member;
import com.penguinmails.identity.internal.WorkspaceRepository.PendingInvitation;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Workspaces and who is in them: create, rename, members and roles, invitations,
 * ownership transfer, the workspace's 2FA requirement. Each method checks the caller's
 * role itself.
 */
@Service
public class WorkspaceService {

	private final WorkspaceRepository workspaces;

	private final UserRepository users;

	private final AccountService accounts;

	private final AccountMailer mailer;

	private final SecurityEvents events;

	private final IdentityProperties properties;

	private final Clock clock;

	WorkspaceService(WorkspaceRepository workspaces, UserRepository users, AccountService accounts,
			AccountMailer mailer, SecurityEvents events, IdentityProperties properties, Clock clock) {
		this.workspaces = workspaces;
		this.users = users;
		this.accounts = accounts;
		this.mailer = mailer;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	public UUID create(UUID userId, String name) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the workspace a name of 1 to 200 characters.");
		}
		UUID id = UUID.randomUUID();
		workspaces.insert(id, trimmed);
		workspaces.addMember(id, userId, WorkspaceRole.OWNER);
		UserAccount user = users.findById(userId).orElseThrow();
		events.workspace("workspace.created", id, userId, user.email(), trimmed, "");
		return id;
	}

	@Transactional
	public void rename(Tenant tenant, String name) {
		tenant.require(WorkspaceRole.ADMIN, "workspace:write");
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the workspace a name of 1 to 200 characters.");
		}
		workspaces.rename(tenant.workspaceId(), trimmed);
	}

	/**
	 * Sets the name recipients see for the workspace (the unsubscribe page): one line of
	 * at most 200 characters; blank goes back to the workspace's own name. Admins only.
	 */
	public void setSenderName(Tenant tenant, String senderName) {
		tenant.require(WorkspaceRole.ADMIN, "workspace:write");
		String trimmed = senderName == null ? "" : senderName.strip();
		if (trimmed.length() > 200 || trimmed.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputProblem("invalid-sender-name",
					"The public sender name must be one line of at most 200 characters.");
		}
		workspaces.setSenderName(tenant.workspaceId(), trimmed.isEmpty() ? null : trimmed);
	}

	@Transactional
	public void setRequire2fa(Tenant tenant, boolean required, String ip) {
		if (tenant.role() != WorkspaceRole.OWNER) {
			throw new AccessDeniedProblem("Only the workspace owner can change the two-factor requirement.");
		}
		tenant.require(WorkspaceRole.OWNER, "workspace:write");
		workspaces.setRequire2fa(tenant.workspaceId(), required);
		events.workspace(required ? "workspace.2fa_required" : "workspace.2fa_optional", tenant.workspaceId(),
				tenant.userId(), email(tenant.userId()), "", ip);
	}

	public List<Member> members(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "members:read");
		return workspaces.members(tenant.workspaceId());
	}

	public Member member(Tenant tenant, UUID userId) {
		tenant.require(WorkspaceRole.VIEWER, "members:read");
		return workspaces.member(tenant.workspaceId(), userId).orElseThrow(() -> new NotFoundProblem("Member"));
	}

	/** Changes a member's role; owners change through {@link #transferOwnership}. */
	@Transactional
	public void changeRole(Tenant tenant, UUID userId, WorkspaceRole role, String ip) {
		tenant.require(WorkspaceRole.ADMIN, "members:write");
		Member member = member(tenant, userId);
		if (role == WorkspaceRole.OWNER || member.role() == WorkspaceRole.OWNER) {
			throw new InvalidInputProblem("owner-role", "The owner changes only by transferring ownership.");
		}
		if (role == WorkspaceRole.ADMIN && tenant.role() != WorkspaceRole.OWNER) {
			throw new AccessDeniedProblem("Only the owner can make someone an admin.");
		}
		if (member.role() == WorkspaceRole.ADMIN && tenant.role() != WorkspaceRole.OWNER) {
			throw new AccessDeniedProblem("Only the owner can change an admin's role.");
		}
		workspaces.setRole(tenant.workspaceId(), userId, role);
		events.workspace("member.role_changed", tenant.workspaceId(), tenant.userId(), email(tenant.userId()),
				member.email() + ": " + member.role().label() + " -> " + role.label(), ip);
	}

	@Transactional
	public void removeMember(Tenant tenant, UUID userId, String ip) {
		Member member = member(tenant, userId);
		// Anyone may leave; removing others (or anything through an API key) needs admin
		// and members:write.
		boolean self = userId.equals(tenant.userId()) && !tenant.viaApiKey();
		if (!self) {
			tenant.require(WorkspaceRole.ADMIN, "members:write");
		}
		if (member.role() == WorkspaceRole.OWNER) {
			throw new InvalidInputProblem("owner-role",
					"The owner cannot leave or be removed: transfer ownership first.");
		}
		if (member.role() == WorkspaceRole.ADMIN && !self && tenant.role() != WorkspaceRole.OWNER) {
			throw new AccessDeniedProblem("Only the owner can remove an admin.");
		}
		workspaces.removeMember(tenant.workspaceId(), userId);
		events.workspace("member.removed", tenant.workspaceId(), tenant.userId(), email(tenant.userId()),
				member.email(), ip);
	}

	@Transactional
	public void transferOwnership(Tenant tenant, UUID newOwnerId, String ip) {
		if (tenant.role() != WorkspaceRole.OWNER) {
			throw new AccessDeniedProblem("Only the owner can transfer ownership.");
		}
		tenant.require(WorkspaceRole.OWNER, "members:write");
		Member member = member(tenant, newOwnerId);
		if (member.userId().equals(tenant.userId())) {
			throw new InvalidInputProblem("owner-role", "You already own this workspace.");
		}
		// The partial unique index allows one owner: demote first, then promote.
		workspaces.setRole(tenant.workspaceId(), tenant.userId(), WorkspaceRole.ADMIN);
		workspaces.setRole(tenant.workspaceId(), newOwnerId, WorkspaceRole.OWNER);
		events.workspace("workspace.ownership_transferred", tenant.workspaceId(), tenant.userId(),
				email(tenant.userId()), member.email(), ip);
	}

	public List<Invitation> invitations(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "members:read");
		return workspaces.invitations(tenant.workspaceId());
	}

	public Invitation invitation(Tenant tenant, UUID invitationId) {
		tenant.require(WorkspaceRole.ADMIN, "members:read");
		return workspaces.invitation(tenant.workspaceId(), invitationId)
			.orElseThrow(() -> new NotFoundProblem("Invitation"));
	}

	/** Invites someone by email; the link in the mail is valid once, for 7 days. */
	@Transactional
	public UUID invite(Tenant tenant, String email, WorkspaceRole role, String ip) {
		tenant.require(WorkspaceRole.ADMIN, "members:write");
		if (role == null || role == WorkspaceRole.OWNER) {
			throw new InvalidInputProblem("invalid-role", "Invite as admin, member or viewer.");
		}
		if (role == WorkspaceRole.ADMIN && tenant.role() != WorkspaceRole.OWNER) {
			throw new AccessDeniedProblem("Only the owner can invite admins.");
		}
		String normalized = AccountService.normalizeEmail(email);
		boolean alreadyMember = workspaces.members(tenant.workspaceId())
			.stream()
			.anyMatch(m -> m.email().equalsIgnoreCase(normalized));
		if (alreadyMember) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "already-member", normalized + " is already a member.");
		}
		Instant now = clock.instant();
		String token = TokenHashing.newToken();
		UUID id = workspaces.invite(tenant.workspaceId(), normalized, role, tenant.userId(), now,
				now.plus(properties.invitationTtl()), token);
		String workspaceName = workspaces.find(tenant.workspaceId()).orElseThrow().name();
		String inviter = email(tenant.userId());
		mailer.sendInvitation(normalized, workspaceName, inviter, token);
		events.workspace("invitation.sent", tenant.workspaceId(), tenant.userId(), inviter,
				normalized + " as " + role.label(), ip);
		return id;
	}

	@Transactional
	public void revokeInvitation(Tenant tenant, UUID invitationId, String ip) {
		Invitation invitation = invitation(tenant, invitationId);
		tenant.require(WorkspaceRole.ADMIN, "members:write");
		if (!workspaces.revokeInvitation(tenant.workspaceId(), invitationId, clock.instant())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "invitation-closed",
					"This invitation was already accepted or revoked.");
		}
		events.workspace("invitation.revoked", tenant.workspaceId(), tenant.userId(), email(tenant.userId()),
				invitation.email(), ip);
	}

	/**
	 * The invitation behind a link, if it can still be accepted; fails with the reason
	 * otherwise.
	 */
	public PendingInvitation openInvitation(String token) {
		PendingInvitation invitation = workspaces.invitationByToken(token)
			.orElseThrow(() -> new InvalidInputProblem(HttpStatus.NOT_FOUND, "token-invalid",
					"This invitation link is not valid."));
		if (invitation.acceptedAt() != null) {
			throw new InvalidInputProblem(HttpStatus.GONE, "token-used", "This invitation has already been used.");
		}
		if (invitation.revokedAt() != null) {
			throw new InvalidInputProblem(HttpStatus.GONE, "token-revoked", "This invitation was withdrawn.");
		}
		if (!invitation.expiresAt().isAfter(clock.instant())) {
			throw new InvalidInputProblem(HttpStatus.GONE, "token-expired",
					"This invitation has expired. Ask for a new one.");
		}
		return invitation;
	}

	/**
	 * Accepts as an existing, signed-in user, who must be the invited address: an
	 * invitation forwarded to (or opened by) someone else does not let them in. Fails
	 * with a 403 {@code invitation-for-another-address} otherwise.
	 */
	@Transactional
	public UUID accept(String token, UUID userId, String ip) {
		PendingInvitation invitation = openInvitation(token);
		String signedIn = email(userId);
		if (!invitedAddress(invitation, signedIn)) {
			throw new InvalidInputProblem(HttpStatus.FORBIDDEN, "invitation-for-another-address",
					"This invitation is for " + invitation.email() + ", but you are logged in as " + signedIn
							+ ". Log out, then log in as " + invitation.email()
							+ " (or create that account from the invitation link) to accept it.");
		}
		join(invitation, userId, ip);
		return invitation.workspaceId();
	}

	/** Accepts by creating an account for the invited address. */
	@Transactional
	public UUID acceptAsNewUser(String token, String password, String displayName, String ip) {
		PendingInvitation invitation = openInvitation(token);
		UUID userId = accounts.signUpInvited(invitation.email(), password, displayName);
		join(invitation, userId, ip);
		return userId;
	}

	private void join(PendingInvitation invitation, UUID userId, String ip) {
		if (!workspaces.markAccepted(invitation.id(), clock.instant())) {
			throw new InvalidInputProblem(HttpStatus.GONE, "token-used", "This invitation has already been used.");
		}
		workspaces.addMember(invitation.workspaceId(), userId, invitation.role());
		String email = email(userId);
		events.workspace("invitation.accepted", invitation.workspaceId(), userId, email,
				email + " as " + invitation.role().label(), ip);
	}

	/** Whether {@code email} is the address the invitation was sent to (any case). */
	public static boolean invitedAddress(PendingInvitation invitation, String email) {
		return email != null && invitation.email().equalsIgnoreCase(email.strip());
	}

	private String email(UUID userId) {
		return users.findById(userId).map(UserAccount::email).orElse("");
	}

}
