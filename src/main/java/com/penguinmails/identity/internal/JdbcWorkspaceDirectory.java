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

	JdbcWorkspaceDirectory(WorkspaceRepository workspaces) {
		this.workspaces = workspaces;
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
