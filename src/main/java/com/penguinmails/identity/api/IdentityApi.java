package com.penguinmails.identity.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.identity.internal.ApiKeyService;
import com.penguinmails.identity.internal.ApiKeyService.ApiKey;
import com.penguinmails.identity.internal.ApiKeyService.CreatedKey;
import com.penguinmails.identity.internal.UserAccount;
import com.penguinmails.identity.internal.UserRepository;
import com.penguinmails.identity.internal.WorkspaceRepository;
import com.penguinmails.identity.internal.WorkspaceRepository.Invitation;
import com.penguinmails.identity.internal.WorkspaceRepository.Member;
import com.penguinmails.identity.internal.WorkspaceRepository.Workspace;
import com.penguinmails.identity.internal.WorkspaceService;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * {@code /api/v1}: who am I, the workspace, its members, invitations and API keys. Every
 * call is scoped to the API key's workspace: an id from another workspace is a 404.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Identity", description = "The caller, the workspace, members, invitations, API keys")
@SecurityRequirement(name = "apiKey")
class IdentityApi {

	record MeResponse(UserView user, WorkspaceView workspace, ApiKeyView apiKey) {
	}

	record UserView(UUID id, String email, String displayName, String timeZone, boolean twoFactorEnabled) {
	}

	record WorkspaceView(UUID id, String name, WorkspaceRole role, boolean require2fa) {
	}

	record ApiKeyView(UUID id, Set<String> scopes) {
	}

	record MemberView(UUID userId, String email, String displayName, WorkspaceRole role, Instant joinedAt,
			boolean twoFactorEnabled) {

		static MemberView of(Member m) {
			return new MemberView(m.userId(), m.email(), m.displayName(), m.role(), m.joinedAt(), m.totpEnabled());
		}

	}

	record InvitationView(UUID id, String email, WorkspaceRole role, String invitedBy, String status, Instant expiresAt,
			Instant createdAt) {

		static InvitationView of(Invitation i) {
			return new InvitationView(i.id(), i.email(), i.role(), i.invitedBy(), i.status(Instant.now()),
					i.expiresAt(), i.createdAt());
		}

	}

	record InviteRequest(@NotBlank String email, @NotNull WorkspaceRole role) {
	}

	record RoleChange(@NotNull WorkspaceRole role) {
	}

	record CreateKeyRequest(@NotBlank String name, @NotEmpty List<String> scopes) {
	}

	record CreatedKeyResponse(ApiKey key, String secret) {
	}

	private final Tenancy tenancy;

	private final UserRepository users;

	private final WorkspaceRepository workspaceRepository;

	private final WorkspaceService workspaces;

	private final ApiKeyService keys;

	IdentityApi(Tenancy tenancy, UserRepository users, WorkspaceRepository workspaceRepository,
			WorkspaceService workspaces, ApiKeyService keys) {
		this.tenancy = tenancy;
		this.users = users;
		this.workspaceRepository = workspaceRepository;
		this.workspaces = workspaces;
		this.keys = keys;
	}

	@GetMapping("/me")
	@Operation(summary = "The user behind the API key, its workspace and the key's scopes")
	MeResponse me() {
		Tenant tenant = tenancy.current();
		UserAccount user = users.findById(tenant.userId()).orElseThrow();
		return new MeResponse(
				new UserView(user.id(), user.email(), user.displayName(), user.timeZone(), user.totpEnabled()),
				workspaceView(tenant), new ApiKeyView(tenant.apiKeyId(), tenant.scopes()));
	}

	@GetMapping("/workspaces")
	@Operation(summary = "The workspaces this key can reach (an API key belongs to exactly one)")
	CursorPage<WorkspaceView> workspaces() {
		Tenant tenant = tenancy.current();
		tenant.require(WorkspaceRole.VIEWER, "workspace:read");
		return CursorPage.of(List.of(workspaceView(tenant)));
	}

	@GetMapping("/members")
	CursorPage<MemberView> members() {
		return CursorPage.of(workspaces.members(tenancy.current()).stream().map(MemberView::of).toList());
	}

	@GetMapping("/members/{userId}")
	MemberView member(@PathVariable UUID userId) {
		return MemberView.of(workspaces.member(tenancy.current(), userId));
	}

	@PostMapping("/members")
	@Operation(summary = "Add a member: sends them an invitation (members join by accepting it)")
	ResponseEntity<InvitationView> addMember(@Valid @RequestBody InviteRequest request, HttpServletRequest http) {
		return invite(request, http);
	}

	@PatchMapping("/members/{userId}")
	MemberView changeRole(@PathVariable UUID userId, @Valid @RequestBody RoleChange change, HttpServletRequest http) {
		Tenant tenant = tenancy.current();
		workspaces.changeRole(tenant, userId, change.role(), http.getRemoteAddr());
		return MemberView.of(workspaces.member(tenant, userId));
	}

	@DeleteMapping("/members/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> removeMember(@PathVariable UUID userId, HttpServletRequest http) {
		workspaces.removeMember(tenancy.current(), userId, http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/invitations")
	CursorPage<InvitationView> invitations() {
		return CursorPage.of(workspaces.invitations(tenancy.current()).stream().map(InvitationView::of).toList());
	}

	@GetMapping("/invitations/{id}")
	InvitationView invitation(@PathVariable UUID id) {
		return InvitationView.of(workspaces.invitation(tenancy.current(), id));
	}

	@PostMapping("/invitations")
	@ApiResponse(responseCode = "409", description = "The address is already a member")
	@ApiResponse(responseCode = "503", description = "The invitation email could not be sent")
	@Operation(summary = "Invite someone by email; the link is single-use and valid 7 days")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<InvitationView> invite(@Valid @RequestBody InviteRequest request, HttpServletRequest http) {
		Tenant tenant = tenancy.current();
		UUID id = workspaces.invite(tenant, request.email(), request.role(), http.getRemoteAddr());
		return ResponseEntity.created(URI.create("/api/v1/invitations/" + id))
			.body(InvitationView.of(workspaces.invitation(tenant, id)));
	}

	@DeleteMapping("/invitations/{id}")
	@ApiResponse(responseCode = "409", description = "The invitation is already used or withdrawn")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> revokeInvitation(@PathVariable UUID id, HttpServletRequest http) {
		workspaces.revokeInvitation(tenancy.current(), id, http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api-keys")
	CursorPage<ApiKey> apiKeys() {
		return CursorPage.of(keys.list(tenancy.current()));
	}

	@GetMapping("/api-keys/{id}")
	ApiKey apiKey(@PathVariable UUID id) {
		return keys.find(tenancy.current(), id);
	}

	@PostMapping("/api-keys")
	@Operation(summary = "Create a key; the secret is in this response only")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<CreatedKeyResponse> createKey(@Valid @RequestBody CreateKeyRequest request,
			HttpServletRequest http) {
		CreatedKey created = keys.create(tenancy.current(), request.name(), request.scopes(), http.getRemoteAddr());
		return ResponseEntity.created(URI.create("/api/v1/api-keys/" + created.key().id()))
			.body(new CreatedKeyResponse(created.key(), created.secret()));
	}

	@DeleteMapping("/api-keys/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> revokeKey(@PathVariable UUID id, HttpServletRequest http) {
		keys.revoke(tenancy.current(), id, http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	private WorkspaceView workspaceView(Tenant tenant) {
		Workspace workspace = workspaceRepository.find(tenant.workspaceId()).orElseThrow();
		return new WorkspaceView(workspace.id(), workspace.name(), tenant.role(), workspace.require2fa());
	}

}
