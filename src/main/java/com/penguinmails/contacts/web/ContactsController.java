package com.penguinmails.contacts.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import com.penguinmails.contacts.ContactImports;
import com.penguinmails.contacts.ContactImports.StagedUpload;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;

/** The contacts list and the import: upload, map the columns, watch the progress. */
@Controller
class ContactsController {

	private final Contacts contacts;

	private final ContactImports imports;

	private final Tenancy tenancy;

	ContactsController(Contacts contacts, ContactImports imports, Tenancy tenancy) {
		this.contacts = contacts;
		this.imports = imports;
		this.tenancy = tenancy;
	}

	@GetMapping("/contacts")
	String list(@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("page", contacts.list(tenancy.current(), cursor, 100));
		model.addAttribute("total", contacts.count(tenancy.current()));
		return "contacts/list";
	}

	@PostMapping("/contacts/import/upload")
	String upload(@RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = ",") String delimiter, Model model) throws IOException {
		if (file == null || file.isEmpty()) {
			model.addAttribute("error", "Choose a CSV file.");
			return list(null, model);
		}
		char separator = delimiter.equalsIgnoreCase("tab") ? '\t' : delimiter.isEmpty() ? ',' : delimiter.charAt(0);
		try {
			StagedUpload upload = imports.stage(tenancy.current(), file.getInputStream(), separator);
			model.addAttribute("upload", upload);
			model.addAttribute("delimiter", delimiter);
			model.addAttribute("fields", fieldChoices(upload));
			return "contacts/mapping";
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return list(null, model);
		}
	}

	@PostMapping("/contacts/import/start")
	String start(@RequestParam String token, @RequestParam(defaultValue = ",") String delimiter,
			@RequestParam(defaultValue = "update") String duplicates, @RequestParam Map<String, String> params,
			Model model) throws IOException {
		Map<String, String> mapping = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith("map:")) {
				mapping.put(key.substring(4), value);
			}
		});
		char separator = delimiter.equalsIgnoreCase("tab") ? '\t' : delimiter.isEmpty() ? ',' : delimiter.charAt(0);
		try {
			var job = imports.startStaged(tenancy.current(), token,
					new ContactImports.Options(separator, !"skip".equals(duplicates), mapping));
			return "redirect:/contacts/imports/" + job.id();
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return list(null, model);
		}
	}

	@GetMapping("/contacts/imports/{id}")
	String job(@PathVariable UUID id, Model model) {
		model.addAttribute("job", imports.get(tenancy.current(), id));
		return "contacts/import";
	}

	/** The progress fragment, polled by htmx every second while the import runs. */
	@GetMapping("/contacts/imports/{id}/progress")
	String progress(@PathVariable UUID id, Model model) {
		model.addAttribute("job", imports.get(tenancy.current(), id));
		return "contacts/import :: progress";
	}

	private static List<String> fieldChoices(StagedUpload upload) {
		List<String> fields = new java.util.ArrayList<>(ContactFields.STANDARD);
		for (String guess : upload.guesses()) {
			if (guess.startsWith("custom.") && !fields.contains(guess)) {
				fields.add(guess);
			}
		}
		fields.add("ignore");
		return fields;
	}

}
