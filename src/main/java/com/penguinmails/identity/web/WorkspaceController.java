package com.penguinmails.identity.web;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.identity.internal.CurrentUser;
import com.penguinmails.identity.internal.TenancyResolver;
import com.penguinmails.identity.internal.WorkspaceRepository;
import com.penguinmails.identity.internal.WorkspaceRepository.PendingInvitation;
import com.penguinmails.identity.internal.WorkspaceService;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/** Workspaces, members, invitations and workspace settings, as pages. */
@Controller
class WorkspaceController {

	private final WorkspaceService workspaces;

	private final WorkspaceRepository repository;

	private final Tenancy tenancy;

	private final TenancyResolver switcher;

	WorkspaceController(WorkspaceService workspaces, WorkspaceRepository repository, Tenancy tenancy,
			TenancyResolver switcher) {
		this.workspaces = workspaces;
		this.repository = repository;
		this.tenancy = tenancy;
		this.switcher = switcher;
	}

	@GetMapping("/workspaces")
	String list(Model model) {
		model.addAttribute("memberships", repository.membershipsOf(CurrentUser.get().id()));
		model.addAttribute("current", tenancy.find().map(Tenant::workspaceId).orElse(null));
		return "identity/workspaces";
	}

	@PostMapping("/workspaces")
	String create(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/workspaces", () -> {
			UUID id = workspaces.create(CurrentUser.get().id(), name);
			switcher.switchTo(CurrentUser.get().id(), id);
			return FormAction.Done.to("/", "Workspace created. You are now working in it.");
		});
	}

	@PostMapping("/workspaces/switch")
	String switchTo(@RequestParam UUID workspaceId) {
		switcher.switchTo(CurrentUser.get().id(), workspaceId);
		return "redirect:/";
	}

	@GetMapping("/settings/members")
	String members(Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("workspace", repository.find(tenant.workspaceId()).orElseThrow());
		model.addAttribute("members", workspaces.members(tenant));
		model.addAttribute("me", tenant.userId());
		model.addAttribute("roles",
				new WorkspaceRole[] { WorkspaceRole.ADMIN, WorkspaceRole.MEMBER, WorkspaceRole.VIEWER });
		if (tenant.role().atLeast(WorkspaceRole.ADMIN)) {
			model.addAttribute("invitations", workspaces.invitations(tenant));
		}
		model.addAttribute("now", Instant.now());
		return "identity/members";
	}

	@PostMapping("/settings/members/invite")
	String invite(@RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "MEMBER") WorkspaceRole role, HttpServletRequest request,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/members", () -> {
			workspaces.invite(tenancy.current(), email, role, request.getRemoteAddr());
			return FormAction.Done.notice("Invitation sent to " + email + ".");
		});
	}

	@PostMapping("/settings/members/{userId}/role")
	String changeRole(@PathVariable UUID userId, @RequestParam WorkspaceRole role, HttpServletRequest request,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/members", () -> {
			workspaces.changeRole(tenancy.current(), userId, role, request.getRemoteAddr());
			return FormAction.Done.notice("Role changed.");
		});
	}

	@PostMapping("/settings/members/{userId}/remove")
	String remove(@PathVariable UUID userId, HttpServletRequest request, RedirectAttributes redirect) {
		Tenant tenant = tenancy.current();
		String target = userId.equals(tenant.userId()) ? "/workspaces" : "/settings/members";
		return FormAction.run(redirect, target, () -> {
			workspaces.removeMember(tenant, userId, request.getRemoteAddr());
			return FormAction.Done.notice("Member removed.");
		});
	}

	@PostMapping("/settings/invitations/{id}/revoke")
	String revokeInvitation(@PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/members", () -> {
			workspaces.revokeInvitation(tenancy.current(), id, request.getRemoteAddr());
			return FormAction.Done.notice("Invitation withdrawn.");
		});
	}

	@PostMapping("/settings/workspace")
	String rename(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/members", () -> {
			workspaces.rename(tenancy.current(), name);
			return FormAction.Done.notice("Workspace renamed.");
		});
	}

	@PostMapping("/settings/workspace/sender-name")
	String senderName(@RequestParam(defaultValue = "") String senderName, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/members", () -> {
			workspaces.setSenderName(tenancy.current(), senderName);
			return FormAction.Done.notice("Public sender name saved.");
		});
	}

	@PostMapping("/settings/workspace/require-2fa")
	String require2fa(@RequestParam(defaultValue = "false") boolean required, HttpServletRequest request,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/members", () -> {
			workspaces.setRequire2fa(tenancy.current(), required, request.getRemoteAddr());
			return FormAction.Done.notice(required
					? "Two-factor authentication is now required: members without it set it up at their next login."
					: "Two-factor authentication is now optional.");
		});
	}

	@PostMapping("/settings/workspace/transfer")
	String transfer(@RequestParam UUID userId, HttpServletRequest request, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/members", () -> {
			workspaces.transferOwnership(tenancy.current(), userId, request.getRemoteAddr());
			return FormAction.Done.notice("Ownership transferred. You are now an admin.");
		});
	}

	@GetMapping("/invitations/accept")
	String invitation(@RequestParam(defaultValue = "") String token, Model model) {
		try {
			PendingInvitation invitation = workspaces.openInvitation(token);
			model.addAttribute("invitation", invitation);
			model.addAttribute("token", token);
			boolean signedIn = CurrentUser.fullySignedIn();
			model.addAttribute("signedIn", signedIn);
			model.addAttribute("otherAccount",
					signedIn && !WorkspaceService.invitedAddress(invitation, CurrentUser.get().email()));
			return "identity/invitation";
		}
		catch (Problem problem) {
			model.addAttribute("problemTitle", "Invitation");
			model.addAttribute("message", problem.getMessage());
			return "error/problem";
		}
	}

	/** For a user who has an account: signing in first brings them back here. */
	@GetMapping("/invitations/join")
	String join(@RequestParam(defaultValue = "") String token) {
		return "redirect:"
				+ UriComponentsBuilder.fromPath("/invitations/accept").queryParam("token", token).toUriString();
	}

	@PostMapping("/invitations/accept")
	String accept(@RequestParam(defaultValue = "") String token, @RequestParam(required = false) String password,
			@RequestParam(required = false) String displayName, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			if (CurrentUser.fullySignedIn()) {
				UUID workspaceId = workspaces.accept(token, CurrentUser.get().id(), request.getRemoteAddr());
				switcher.switchTo(CurrentUser.get().id(), workspaceId);
				redirect.addFlashAttribute("notice", "You joined the workspace.");
				return "redirect:/";
			}
			workspaces.acceptAsNewUser(token, password, displayName, request.getRemoteAddr());
			return "redirect:/login?joined";
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return invitation(token, model);
		}
	}

}
