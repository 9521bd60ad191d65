package com.penguinmails.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.WorkspaceRole;

/**
 * Workspaces, memberships and invitations. Every query of a workspace's data takes its id
 * first.
 */
@Repository
public class WorkspaceRepository {

	/**
	 * A workspace. {@code senderName} is the name recipients see (the unsubscribe page),
	 * null when never set: then {@link #publicName()} is the workspace's own name.
	 */
	public record Workspace(UUID id, String name, boolean require2fa, String senderName) {

		/** The name recipients see: the public sender name, else the workspace's name. */
		public String publicName() {
			return senderName == null || senderName.isBlank() ? name : senderName;
		}

	}

	public record Membership(UUID workspaceId, String workspaceName, WorkspaceRole role, boolean require2fa) {
	}

	public record Member(UUID userId, String email, String displayName, WorkspaceRole role, Instant joinedAt,
			boolean totpEnabled) {
	}

	public record Invitation(UUID id, String email, WorkspaceRole role, String invitedBy, Instant expiresAt,
			Instant acceptedAt, Instant revokedAt, Instant createdAt) {

		public String status(Instant now) {
			if (acceptedAt != null) {
				return "accepted";
			}
			if (revokedAt != null) {
				return "revoked";
			}
			return expiresAt.isAfter(now) ? "pending" : "expired";
		}

	}

	public record PendingInvitation(UUID id, UUID workspaceId, String workspaceName, String email, WorkspaceRole role,
			Instant expiresAt, Instant acceptedAt, Instant revokedAt) {
	}

	private final JdbcClient jdbc;

	WorkspaceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, String name) {
		jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, ?)").params(id, name).update();
	}

	public Optional<Workspace> find(UUID workspaceId) {
		return jdbc.sql("SELECT id, name, require_2fa, sender_name FROM workspaces WHERE id = ?")
			.param(workspaceId)
			.query((rs, i) -> new Workspace(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3),
					rs.getString(4)))
			.optional();
	}

	/** {@code senderName} null: recipients see the workspace's own name again. */
	void setSenderName(UUID workspaceId, String senderName) {
		jdbc.sql("UPDATE workspaces SET sender_name = ? WHERE id = ?").params(senderName, workspaceId).update();
	}

	void rename(UUID workspaceId, String name) {
		jdbc.sql("UPDATE workspaces SET name = ? WHERE id = ?").params(name, workspaceId).update();
	}

	void setRequire2fa(UUID workspaceId, boolean required) {
		jdbc.sql("UPDATE workspaces SET require_2fa = ? WHERE id = ?").params(required, workspaceId).update();
	}

	void addMember(UUID workspaceId, UUID userId, WorkspaceRole role) {
		jdbc.sql("INSERT INTO memberships (workspace_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(workspaceId, userId, role.name())
			.update();
	}

	public List<Membership> membershipsOf(UUID userId) {
		return jdbc.sql("""
				SELECT w.id, w.name, m.role, w.require_2fa FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
				WHERE m.user_id = ? ORDER BY w.name, w.id""")
			.param(userId)
			.query((rs, i) -> new Membership(rs.getObject(1, UUID.class), rs.getString(2),
					WorkspaceRole.valueOf(rs.getString(3)), rs.getBoolean(4)))
			.list();
	}

	public List<UUID> workspaceIdsOf(UUID userId) {
		return jdbc.sql("SELECT workspace_id FROM memberships WHERE user_id = ?")
			.param(userId)
			.query(UUID.class)
			.list();
	}

	public Optional<WorkspaceRole> roleOf(UUID workspaceId, UUID userId) {
		return jdbc.sql("SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?")
			.params(workspaceId, userId)
			.query(String.class)
			.optional()
			.map(WorkspaceRole::valueOf);
	}

	public List<Member> members(UUID workspaceId) {
		return jdbc
			.sql("""
					SELECT u.id, u.email, u.display_name, m.role, m.created_at, u.totp_enabled_at IS NOT NULL
					FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ?
					ORDER BY CASE m.role WHEN 'OWNER' THEN 0 WHEN 'ADMIN' THEN 1 WHEN 'MEMBER' THEN 2 ELSE 3 END, u.email""")
			.param(workspaceId)
			.query((rs, i) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					WorkspaceRole.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(), rs.getBoolean(6)))
			.list();
	}

	public Optional<Member> member(UUID workspaceId, UUID userId) {
		return members(workspaceId).stream().filter(m -> m.userId().equals(userId)).findFirst();
	}

	void setRole(UUID workspaceId, UUID userId, WorkspaceRole role) {
		jdbc.sql("UPDATE memberships SET role = ? WHERE workspace_id = ? AND user_id = ?")
			.params(role.name(), workspaceId, userId)
			.update();
	}

	void removeMember(UUID workspaceId, UUID userId) {
		jdbc.sql("DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?").params(workspaceId, userId).update();
	}

	/** Issues an invitation and returns its token in clear; only the hash is kept. */
	UUID invite(UUID workspaceId, String email, WorkspaceRole role, UUID invitedBy, Instant now, Instant expiresAt,
			String token) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO invitations (id, workspace_id, email, role, token_hash, invited_by, expires_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, email, role.name(), TokenHashing.sha256(token), invitedBy,
					Timestamp.from(expiresAt), Timestamp.from(now))
			.update();
		return id;
	}

	public List<Invitation> invitations(UUID workspaceId) {
		return jdbc
			.sql("""
					SELECT i.id, i.email, i.role, u.email, i.expires_at, i.accepted_at, i.revoked_at, i.created_at
					FROM invitations i JOIN users u ON u.id = i.invited_by WHERE i.workspace_id = ? ORDER BY i.created_at DESC""")
			.param(workspaceId)
			.query((rs, i) -> new Invitation(rs.getObject(1, UUID.class), rs.getString(2),
					WorkspaceRole.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant(),
					UserRepository.instant(rs, "accepted_at"), UserRepository.instant(rs, "revoked_at"),
					rs.getTimestamp(8).toInstant()))
			.list();
	}

	Optional<PendingInvitation> invitationByToken(String token) {
		return jdbc.sql("""
				SELECT i.id, i.workspace_id, w.name, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at
				FROM invitations i JOIN workspaces w ON w.id = i.workspace_id WHERE i.token_hash = ?""")
			.param(TokenHashing.sha256(token == null ? "" : token))
			.query((rs, i) -> new PendingInvitation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3), rs.getString(4), WorkspaceRole.valueOf(rs.getString(5)),
					rs.getTimestamp(6).toInstant(), UserRepository.instant(rs, "accepted_at"),
					UserRepository.instant(rs, "revoked_at")))
			.optional();
	}

	boolean markAccepted(UUID invitationId, Instant now) {
		return jdbc
			.sql("UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL")
			.params(Timestamp.from(now), invitationId)
			.update() == 1;
	}

	boolean revokeInvitation(UUID workspaceId, UUID invitationId, Instant now) {
		return jdbc.sql("""
				UPDATE invitations SET revoked_at = ?
				WHERE workspace_id = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL""")
			.params(Timestamp.from(now), workspaceId, invitationId)
			.update() == 1;
	}

	Optional<Invitation> invitation(UUID workspaceId, UUID invitationId) {
		return invitations(workspaceId).stream().filter(i -> i.id().equals(invitationId)).findFirst();
	}

}
