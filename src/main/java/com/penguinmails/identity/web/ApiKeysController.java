package com.penguinmails.identity.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.identity.internal.ApiKeyService;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * API keys of the current workspace: create (secret shown once), list, revoke. Admins
 * only.
 */
@Controller
class ApiKeysController {

	private final ApiKeyService keys;

	private final Tenancy tenancy;

	ApiKeysController(ApiKeyService keys, Tenancy tenancy) {
		this.keys = keys;
		this.tenancy = tenancy;
	}

	@GetMapping("/settings/api-keys")
	String list(Model model) {
		return page(tenancy.current(), model);
	}

	@PostMapping("/settings/api-keys")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) List<String> scopes,
			HttpServletRequest request, Model model) {
		Tenant tenant = tenancy.current();
		boolean created = FormAction.inPage(model, () -> {
			model.addAttribute("created", keys.create(tenant, name, scopes, request.getRemoteAddr()));
			return FormAction.Done.notice(null);
		});
		if (!created) {
			// What was typed stays in the form.
			model.addAttribute("name", name);
			model.addAttribute("chosen", scopes == null ? List.of() : scopes);
		}
		return page(tenant, model);
	}

	@PostMapping("/settings/api-keys/{id}/revoke")
	String revoke(@PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/api-keys", () -> {
			keys.revoke(tenancy.current(), id, request.getRemoteAddr());
			return FormAction.Done.notice("Key revoked: it no longer works.");
		});
	}

	private String page(Tenant tenant, Model model) {
		model.addAttribute("keys", keys.list(tenant));
		model.addAttribute("groups", ApiKeyService.GROUPS);
		if (!model.containsAttribute("chosen")) {
			model.addAttribute("chosen", List.of());
		}
		return "identity/api-keys";
	}

}
