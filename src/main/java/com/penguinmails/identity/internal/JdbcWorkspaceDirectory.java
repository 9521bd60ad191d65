package com.penguinmails.identity.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.WorkspaceRole;

@Component
class JdbcWorkspaceDirectory implements WorkspaceDirectory {

	private final WorkspaceRepository workspaces;

	private final UserRepository users;

	JdbcWorkspaceDirectory(WorkspaceRepository workspaces, UserRepository users) {
		this.workspaces = workspaces;
		this.users = users;
	}

	@Override
	public String timeZone(UUID workspaceId, UUID userId) {
		List<WorkspaceRepository.Member> members = workspaces.members(workspaceId);
		return members.stream()
			.filter(m -> userId != null && m.userId().equals(userId))
			.findFirst()
			.or(() -> members.stream().filter(m -> m.role() == WorkspaceRole.OWNER).findFirst())
			.flatMap(m -> users.findById(m.userId()))
			.map(UserAccount::timeZone)
			.filter(zone -> zone != null && !zone.isBlank())
			.orElse("UTC");
	}

	@Override
	public String timeZone(UUID userId) {
		return users.findById(userId)
			.map(UserAccount::timeZone)
			.filter(zone -> zone != null && !zone.isBlank())
			.orElse("UTC");
	}

	@Override
	public List<Member> members(UUID workspaceId) {
		return workspaces.members(workspaceId)
			.stream()
			.map(m -> new Member(m.userId(), m.email(), m.displayName(), m.role()))
			.toList();
	}

	@Override
	public List<String> adminEmails(UUID workspaceId) {
		return workspaces.members(workspaceId)
			.stream()
			.filter(m -> m.role().atLeast(WorkspaceRole.ADMIN))
			.map(WorkspaceRepository.Member::email)
			.toList();
	}

	@Override
	public String memberEmail(UUID workspaceId, UUID userId) {
		return workspaces.members(workspaceId)
			.stream()
			.filter(m -> m.userId().equals(userId))
			.map(WorkspaceRepository.Member::email)
			.findFirst()
			.orElse("");
	}

	@Override
	public Map<UUID, WorkspaceRole> rolesOf(UUID userId) {
		Map<UUID, WorkspaceRole> roles = new LinkedHashMap<>();
		workspaces.membershipsOf(userId).forEach(m -> roles.put(m.workspaceId(), m.role()));
		return roles;
	}

	@Override
	public String workspaceName(UUID workspaceId) {
		return workspaces.find(workspaceId).map(WorkspaceRepository.Workspace::name).orElse("");
	}

	@Override
	public String publicSenderName(UUID workspaceId) {
		return workspaces.find(workspaceId).map(WorkspaceRepository.Workspace::publicName).orElse("");
	}

}
