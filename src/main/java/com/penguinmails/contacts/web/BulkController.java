package com.penguinmails.contacts.web;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.contacts.BulkAction;
import com.penguinmails.contacts.ContactBulkJob;
import com.penguinmails.contacts.ContactBulkJobs;
import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.ContactFilterParams;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;

/**
 * The bulk bar's form ({@code contacts/bulk :: bar} on the contacts page), the job pages
 * ({@code /contacts/jobs}, {@code /contacts/jobs/{id}} with a progress fragment htmx
 * polls every 2 s while the job runs), cancel, and an export's download (the workspace's
 * members only: the file is looked up through the caller's workspace).
 */
@Controller
class BulkController {

	private final ContactBulkJobs jobs;

	private final Tenancy tenancy;

	private final Clock clock;

	BulkController(ContactBulkJobs jobs, Tenancy tenancy, Clock clock) {
		this.jobs = jobs;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	/**
	 * The bulk form: {@code scope=selected} takes the checked {@code ids};
	 * {@code scope=filter} every contact matching {@code q}, {@code list}, {@code tag},
	 * {@code status}, {@code segment}. Delete needs {@code confirm=delete}.
	 */
	@PostMapping("/contacts/bulk")
	String start(@RequestParam(defaultValue = "") String action, @RequestParam(required = false) List<String> value,
			@RequestParam(defaultValue = "selected") String scope, @RequestParam(required = false) List<String> ids,
			@RequestParam(required = false) String q, @RequestParam(required = false) String list,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String status,
			@RequestParam(required = false) String segment, @RequestParam(defaultValue = "") String confirm,
			RedirectAttributes redirect) {
		String back = "/contacts";
		try {
			ContactFilter filter = ContactFilterParams.of(q, list, tag, status, segment);
			back = "/contacts" + ContactBulkJob.filterQuery(filter);
		}
		catch (Problem ex) {
			// The filter's problem is said by the action below.
		}
		return FormAction.run(redirect, back, () -> {
			ContactBulkJobs.Request request = request(action, pick(action, value), scope, ids, q, list, tag, status,
					segment);
			if (request.action() == BulkAction.DELETE && !"delete".equalsIgnoreCase(confirm.strip())) {
				throw new InvalidInputProblem("confirm-delete", "To delete, type delete in the confirmation box.");
			}
			ContactBulkJob job = jobs.start(tenancy.current(), request, clock.instant());
			return FormAction.Done.to("/contacts/jobs/" + job.id(), null);
		}, problem -> {
			// Back on the contacts page (with its filter) the same rows stay checked and
			// the
			// same action chosen, so fixing the form loses nothing.
			redirect.addFlashAttribute("bulkIds", ids == null ? List.of() : new ArrayList<>(ids));
			redirect.addFlashAttribute("bulkAction", action);
			redirect.addFlashAttribute("bulkScope", scope);
		});
	}

	@GetMapping("/contacts/jobs")
	String list(Model model) {
		model.addAttribute("jobs", jobs.recent(tenancy.current(), 50));
		return "contacts/jobs";
	}

	@GetMapping("/contacts/jobs/{id}")
	String job(@PathVariable UUID id, Model model) {
		model.addAttribute("job", jobs.get(tenancy.current(), id));
		return "contacts/job";
	}

	/**
	 * The progress fragment, polled by htmx every 2 s while the job is queued or running.
	 */
	@GetMapping("/contacts/jobs/{id}/progress")
	String progress(@PathVariable UUID id, Model model) {
		model.addAttribute("job", jobs.get(tenancy.current(), id));
		return "contacts/job :: progress";
	}

	@PostMapping("/contacts/jobs/{id}/cancel")
	String cancel(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/contacts/jobs/" + id, () -> {
			jobs.cancel(tenancy.current(), id, clock.instant());
			return FormAction.Done.notice("Cancelled: what was done stays.");
		});
	}

	@GetMapping(path = "/contacts/jobs/{id}/download")
	@ResponseBody
	ResponseEntity<FileSystemResource> download(@PathVariable UUID id) {
		Path file = jobs.exportFile(tenancy.current(), id);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"contacts-" + id + ".csv\"")
			.body(new FileSystemResource(file));
	}

	/**
	 * The bar's value for the action: with JS only the field that fits the action is
	 * sent; without, all four are, in the bar's order (tag, list, campaign, status).
	 */
	private static String pick(String action, List<String> values) {
		if (values == null || values.isEmpty()) {
			return "";
		}
		if (values.size() != 4) {
			return values.get(0);
		}
		return switch (action) {
			case "list_add", "list_remove" -> values.get(1);
			case "enrol" -> values.get(2);
			case "status" -> values.get(3);
			default -> values.get(0);
		};
	}

	private static ContactBulkJobs.Request request(String action, String value, String scope, List<String> ids,
			String q, String list, String tag, String status, String segment) {
		BulkAction parsed;
		try {
			parsed = action.isBlank() ? null : BulkAction.of(action);
		}
		catch (IllegalArgumentException ex) {
			parsed = null;
		}
		if ("filter".equals(scope)) {
			return new ContactBulkJobs.Request(parsed, value, null,
					ContactFilterParams.of(q, list, tag, status, segment));
		}
		List<UUID> chosen = new ArrayList<>();
		for (String id : ids == null ? List.<String>of() : ids) {
			try {
				chosen.add(UUID.fromString(id.strip()));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputProblem("invalid-ids", "A selected contact's id is not an id.");
			}
		}
		if (chosen.isEmpty()) {
			throw new InvalidInputProblem("invalid-ids",
					"Select contacts first, or choose “all matching this filter”.");
		}
		return new ContactBulkJobs.Request(parsed, value, chosen, null);
	}

}
