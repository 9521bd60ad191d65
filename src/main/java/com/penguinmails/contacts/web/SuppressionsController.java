package com.penguinmails.contacts.web;

import java.io.StringReader;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.contacts.Suppressions;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenancy;

/**
 * The suppression list page: add an address or a domain, paste a CSV, remove an entry,
 * export them all as CSV.
 */
@Controller
class SuppressionsController {

	private final Suppressions suppressions;

	private final Tenancy tenancy;

	SuppressionsController(Suppressions suppressions, Tenancy tenancy) {
		this.suppressions = suppressions;
		this.tenancy = tenancy;
	}

	@GetMapping("/suppressions")
	String list(@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("page", suppressions.list(tenancy.current(), cursor, 200));
		model.addAttribute("reasons", Suppressions.REASONS);
		return "contacts/suppressions";
	}

	@PostMapping("/suppressions")
	String add(@RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "manual") String reason,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, "/suppressions", () -> {
			boolean added = suppressions.add(tenancy.current(), value, reason);
			return FormAction.Done.notice(added ? value + " is suppressed." : value + " was already suppressed.");
		});
	}

	/** A pasted CSV of value,reason: what was added, and each refused line's reason. */
	@PostMapping("/suppressions/import")
	String importCsv(@RequestParam(defaultValue = "") String csv, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/suppressions", () -> {
			Suppressions.ImportResult result = suppressions.importCsv(tenancy.current(), new StringReader(csv));
			return FormAction.Done.notice(result.added() + " added, " + result.alreadyThere() + " already there"
					+ (result.errors().isEmpty() ? "." : "; " + String.join(" ", result.errors())));
		});
	}

	/**
	 * Removes an entry (admins); an erased contact's entry stays, and the page says why.
	 */
	@PostMapping("/suppressions/{id}/remove")
	String remove(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/suppressions", () -> {
			suppressions.remove(tenancy.current(), id);
			return FormAction.Done.notice("Removed from the suppression list.");
		});
	}

	@GetMapping(path = "/suppressions/export", produces = "text/csv")
	@ResponseBody
	ResponseEntity<String> export() {
		return ResponseEntity.ok()
			.header("Content-Disposition", "attachment; filename=\"suppressions.csv\"")
			.body(suppressions.exportCsv(tenancy.current()));
	}

}
