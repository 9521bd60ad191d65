package com.penguinmails.secrets.web;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import com.penguinmails.identity.InstallationAdmins;
import com.penguinmails.secrets.internal.BackgroundRewrap;
import com.penguinmails.secrets.internal.SecretColumns;
import com.penguinmails.shared.SecretsProperties;
import com.penguinmails.shared.Tenancy;

/**
 * {@code /system/secrets}: for the installation's admins, how many secrets each column
 * holds wrapped by the current key, an earlier one or none configured, and "Re-wrap now"
 * (the {@code secrets rewrap} command, run by this node in the background). While a run
 * goes on, the page refreshes itself (htmx, every 2 s).
 */
@Controller
class SecretsController {

	private final BackgroundRewrap rewrap;

	private final InstallationAdmins admins;

	private final Tenancy tenancy;

	private final SecretsProperties properties;

	SecretsController(BackgroundRewrap rewrap, InstallationAdmins admins, Tenancy tenancy,
			SecretsProperties properties) {
		this.rewrap = rewrap;
		this.admins = admins;
		this.tenancy = tenancy;
		this.properties = properties;
	}

	@GetMapping("/system/secrets")
	String page(Model model) {
		admins.require(tenancy.current(), "system:read");
		Map<String, String> labels = SecretColumns.ALL.stream()
			.collect(Collectors.toMap(SecretColumns.Column::name, SecretColumns.Column::label));
		model.addAttribute("columns", rewrap.counts());
		model.addAttribute("labels", labels);
		model.addAttribute("run", rewrap.last());
		model.addAttribute("running", rewrap.last() != null && rewrap.last().finished() == null);
		model.addAttribute("backend",
				properties.vaultBackend()
						? "Vault's transit key " + properties.vault().keyName() + " at " + properties.vault().address()
						: "the master key (PENGUINMAILS_MASTER_KEY)");
		model.addAttribute("previousKeys", properties.previousKeys().size());
		return "system/secrets";
	}

	@PostMapping("/system/secrets/rewrap")
	String start() {
		admins.require(tenancy.current(), "system:write");
		rewrap.start();
		return "redirect:/system/secrets";
	}

}
