package com.penguinmails.crm.web;

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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.crm.FieldPolicies;
import com.penguinmails.crm.HubSpotConnections;
import com.penguinmails.crm.ImportSchedule;
import com.penguinmails.crm.SalesforceConnections;
import com.penguinmails.contacts.Segments;
import com.penguinmails.crm.PushSettings;
import com.penguinmails.crm.SalesforceExport;
import com.penguinmails.crm.SalesforcePush;
import com.penguinmails.crm.SalesforcePushSettings;
import com.penguinmails.crm.SalesforceSync;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * The page {@code /settings/crm/salesforce} (linked from {@code /settings/crm}): connect
 * Salesforce (the OAuth 2.0 redirect and its callback), test the connection, the import
 * settings, import now, disconnect, sending a list, what is pushed back (and the pushes),
 * and the sync log (one run's records at {@code /settings/crm/salesforce/runs/{id}}).
 */
@Controller
class SalesforceController {

	static final String PAGE = "/settings/crm/salesforce";

	/**
	 * The settings form; {@code fieldMap} is one {@code Field__c} or
	 * {@code Field__c = key} per line.
	 */
	record SettingsForm(String object, String condition, String targetList, String fieldMap, String schedule) {
	}

	/**
	 * The push form: the kinds ticked, the Lead and Contact fields a label sets and one
	 * value per inbox label ({@code labelInterested}, ...), and {@code optOut}
	 * ({@code true} when ticked).
	 */
	record PushForm(List<String> kinds, String leadField, String contactField, String labelInterested,
			String labelMeetingBooked, String labelNotInterested, String labelWrongPerson, String labelOutOfOffice,
			String optOut) {

		SalesforcePushSettings settings() {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("interested", labelInterested);
			values.put("meeting_booked", labelMeetingBooked);
			values.put("not_interested", labelNotInterested);
			values.put("wrong_person", labelWrongPerson);
			values.put("out_of_office", labelOutOfOffice);
			values.values().removeIf(v -> v == null || v.isBlank());
			return new SalesforcePushSettings(kinds, leadField, values, contactField, "true".equals(optOut));
		}

	}

	/** What each push kind becomes in Salesforce, for its checkbox. */
	static final Map<String, String> PUSH_KINDS = Map.of("reply", "Replies, as a completed task on the record", "label",
			"Labels set in the inbox, as the field below", "bounce", "Hard bounces, as a completed task", "unsubscribe",
			"Unsubscribes, as a completed task (and the opt-out below)", "complaint",
			"Spam complaints, as a completed task (and the opt-out below)");

	/** The export form: the list to send, as {@code Lead} or {@code Contact} records. */
	record ExportForm(UUID listId, String object) {
	}

	private final SalesforceConnections connections;

	private final SalesforceExport export;

	private final Segments segments;

	private final SalesforcePush push;

	private final SalesforceSync salesforce;

	private final Tenancy tenancy;

	private final FieldPolicies fieldPolicies;

	SalesforceController(SalesforceConnections connections, SalesforceSync salesforce, SalesforcePush push,
			SalesforceExport export, Segments segments, Tenancy tenancy, FieldPolicies fieldPolicies) {
		this.fieldPolicies = fieldPolicies;
		this.push = push;
		this.export = export;
		this.segments = segments;
		this.connections = connections;
		this.salesforce = salesforce;
		this.tenancy = tenancy;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("configured", connections.configured());
		model.addAttribute("callbackUrl", connections.redirectUri());
		SalesforceConnections.Connection connection = connections.connection(tenancy.current()).orElse(null);
		model.addAttribute("connection", connection);
		model.addAttribute("fieldPolicies",
				connection == null ? List.of() : fieldPolicies.policies(tenancy.current(), SalesforceConnections.CRM));
		model.addAttribute("push",
				connection == null ? SalesforcePushSettings.off() : push.settings(tenancy.current()));
		model.addAttribute("pushes", connection == null ? List.of() : push.pushes(tenancy.current()));
		model.addAttribute("kinds", PushSettings.KINDS);
		model.addAttribute("pushKinds", PUSH_KINDS);
		model.addAttribute("labels", Inbox.LABELS);
		model.addAttribute("lists",
				connection == null ? List.of() : segments.lists(Tenant.system(tenancy.current().workspaceId())));
		model.addAttribute("runs", salesforce.runs(tenancy.current()));
		model.addAttribute("schedules", List.of(ImportSchedule.values()));
		model.addAttribute("view", new CrmController.View());
		return "crm/salesforce";
	}

	@GetMapping(PAGE + "/runs/{id}")
	String run(@PathVariable UUID id, Model model) {
		model.addAttribute("log", salesforce.runLog(tenancy.current(), id));
		model.addAttribute("view", new CrmController.View());
		model.addAttribute("crmName", "Salesforce");
		model.addAttribute("back", PAGE);
		return "crm/run";
	}

	// Sends the browser to Salesforce's authorization page. A link, not a form: the
	// page's Content-Security-Policy (form-action 'self') stops a form whose answer
	// redirects to another origin. Starting only stores a fresh single-use state; nothing
	// is connected until Salesforce sends back a code with it.
	@GetMapping(PAGE + "/connect")
	String connect(RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE,
				() -> FormAction.Done.to(connections.authorize(tenancy.current()).url(), null));
	}

	/** Where Salesforce sends the browser back (RFC 6749 §4.1.2). */
	@GetMapping(SalesforceConnections.CALLBACK_PATH)
	String callback(@RequestParam(required = false) String state, @RequestParam(required = false) String code,
			@RequestParam(required = false) String error,
			@RequestParam(name = "error_description", required = false) String errorDescription,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			SalesforceConnections.Connection connection = connections.finish(tenancy.current(), state, code, error,
					errorDescription);
			return FormAction.Done.notice("Salesforce connected (" + connection.organisation()
					+ "). Choose what to import below, then Import now.");
		});
	}

	@PostMapping(PAGE + "/test")
	String test(RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			HubSpotConnections.TestResult result = connections.test(tenancy.current());
			if (!result.ok()) {
				throw new InvalidInputProblem("crm-test", result.message());
			}
			return FormAction.Done.notice(result.message());
		});
	}

	@PostMapping(PAGE + "/settings")
	String settings(SettingsForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			salesforce.saveSettings(tenancy.current(), new SalesforceSync.Settings(form.object(), form.condition(),
					form.targetList(), fieldMap(form.fieldMap()), form.schedule()));
			return FormAction.Done.notice("Import settings saved.");
		});
	}

	@PostMapping(PAGE + "/push")
	String push(PushForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			push.saveSettings(tenancy.current(), form.settings());
			return FormAction.Done.notice("Push settings saved.");
		});
	}

	@PostMapping(PAGE + "/export")
	String exportList(ExportForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			if (form.listId() == null) {
				throw new InvalidInputProblem("crm-export", "Choose the list to send.");
			}
			export.startExport(tenancy.current(), form.listId(), form.object());
			return FormAction.Done
				.notice("Sending the list to Salesforce: the sync log below shows its progress (refresh the page).");
		});
	}

	@PostMapping(PAGE + "/import")
	String importNow(RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			salesforce.startImport(tenancy.current());
			return FormAction.Done
				.notice("Import from Salesforce started: the sync log below shows its progress (refresh the page).");
		});
	}

	@PostMapping(PAGE + "/disconnect")
	String disconnect(RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			connections.disconnect(tenancy.current());
			return FormAction.Done
				.notice("Salesforce disconnected and its access revoked; the contacts imported stay.");
		});
	}

	/** "Field__c" or "Field__c = key" lines to a map (a blank key is derived later). */
	static Map<String, String> fieldMap(String text) {
		Map<String, String> map = new LinkedHashMap<>();
		if (text == null) {
			return map;
		}
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			int eq = line.indexOf('=');
			map.put((eq < 0 ? line : line.substring(0, eq)).strip(), eq < 0 ? "" : line.substring(eq + 1).strip());
		}
		return map;
	}

}
