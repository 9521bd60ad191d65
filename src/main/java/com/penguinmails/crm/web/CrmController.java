package com.penguinmails.crm.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.contacts.Segments;
import com.penguinmails.crm.FieldPolicies;
import com.penguinmails.crm.HubSpotConnections;
import com.penguinmails.crm.HubSpotExport;
import com.penguinmails.crm.HubSpotOAuthConnect;
import com.penguinmails.crm.HubSpotPush;
import com.penguinmails.crm.HubSpotSync;
import com.penguinmails.crm.ImportSchedule;
import com.penguinmails.crm.PushSettings;
import com.penguinmails.crm.internal.HubSpotOAuth;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * The page {@code /settings/crm}: connect HubSpot with a private app token or its OAuth
 * app (the callback at {@value HubSpotOAuth#CALLBACK_PATH}, the state bound to the
 * session), test the connection, the import settings, import now, and the sync log (the
 * newest runs, and one run's records at {@code /settings/crm/runs/{id}}).
 */
@Controller
class CrmController {

	static final String PAGE = "/settings/crm";

	/** The session attribute holding the pending HubSpot authorization request. */
	static final String PENDING = CrmController.class.getName() + ".pending";

	/** The token form. */
	record TokenForm(String token) {
	}

	/**
	 * The settings form; {@code fieldMap} is one {@code property = field} per line.
	 */
	record SettingsForm(String targetList, String sourceListId, String fieldMap, String schedule) {
	}

	/** The export form: the list to send. */
	record ExportForm(UUID listId) {
	}

	/**
	 * The push form: the kinds ticked, the lead status property and one value per inbox
	 * label ({@code labelInterested}, ...), the unsubscribe property and its value.
	 */
	record PushForm(List<String> kinds, String leadStatusProperty, String labelInterested, String labelMeetingBooked,
			String labelNotInterested, String labelWrongPerson, String labelOutOfOffice, String unsubscribeProperty,
			String unsubscribeValue) {

		PushSettings settings() {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("interested", labelInterested);
			values.put("meeting_booked", labelMeetingBooked);
			values.put("not_interested", labelNotInterested);
			values.put("wrong_person", labelWrongPerson);
			values.put("out_of_office", labelOutOfOffice);
			values.values().removeIf(v -> v == null || v.isBlank());
			return new PushSettings(kinds, leadStatusProperty, values, unsubscribeProperty, unsubscribeValue);
		}

	}

	private final HubSpotConnections connections;

	private final HubSpotSync hubspot;

	private final HubSpotPush push;

	private final HubSpotExport export;

	private final Segments segments;

	private final Tenancy tenancy;

	private final HubSpotOAuthConnect oauth;

	private final FieldPolicies fieldPolicies;

	CrmController(HubSpotConnections connections, HubSpotSync hubspot, HubSpotPush push, HubSpotExport export,
			Segments segments, Tenancy tenancy, HubSpotOAuthConnect oauth, FieldPolicies fieldPolicies) {
		this.fieldPolicies = fieldPolicies;
		this.oauth = oauth;
		this.connections = connections;
		this.hubspot = hubspot;
		this.push = push;
		this.export = export;
		this.segments = segments;
		this.tenancy = tenancy;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		HubSpotConnections.Connection connection = connections.connection(tenancy.current()).orElse(null);
		model.addAttribute("connection", connection);
		model.addAttribute("fieldPolicies",
				connection == null ? List.of() : fieldPolicies.policies(tenancy.current(), HubSpotConnections.CRM));
		model.addAttribute("runs", hubspot.runs(tenancy.current()));
		model.addAttribute("push", connection == null ? PushSettings.off() : push.settings(tenancy.current()));
		model.addAttribute("pushes", connection == null ? List.of() : push.pushes(tenancy.current()));
		model.addAttribute("kinds", PushSettings.KINDS);
		model.addAttribute("lists",
				connection == null ? List.of() : segments.lists(Tenant.system(tenancy.current().workspaceId())));
		model.addAttribute("labels",
				List.of("interested", "meeting_booked", "not_interested", "wrong_person", "out_of_office"));
		model.addAttribute("schedules", List.of(ImportSchedule.values()));
		model.addAttribute("view", new View());
		model.addAttribute("oauthOffered", oauth.offered());
		return "crm/hubspot";
	}

	// A link, not a form: the page's Content-Security-Policy (form-action 'self') stops a
	// form whose answer redirects to another origin. Starting only stores a fresh state
	// in this session; nothing is connected until HubSpot sends back a code with it.
	@GetMapping(PAGE + "/hubspot/connect")
	String connectWithHubSpot(HttpSession session, RedirectAttributes redirect) {
		try {
			HubSpotOAuth.Pending pending = oauth.start(tenancy.current());
			session.setAttribute(PENDING, pending);
			return "redirect:" + oauth.authorizationUrl(pending);
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:" + PAGE;
		}
	}

	// RFC 6749 §4.1.2: HubSpot sends the browser back with code and state (or error).
	@GetMapping(HubSpotOAuth.CALLBACK_PATH)
	String callback(@RequestParam(required = false) String state, @RequestParam(required = false) String code,
			@RequestParam(required = false) String error, HttpSession session, RedirectAttributes redirect) {
		HubSpotOAuth.Pending pending = (HubSpotOAuth.Pending) session.getAttribute(PENDING);
		// Single use: a replayed callback finds nothing pending.
		session.removeAttribute(PENDING);
		return FormAction.run(redirect, PAGE, () -> {
			HubSpotConnections.Connection connection = oauth.finish(tenancy.current(), pending, state, code, error);
			return FormAction.Done.notice("HubSpot connected with OAuth (HubSpot account " + connection.account()
					+ "). Choose what to import below, then Import now.");
		});
	}

	@GetMapping(PAGE + "/runs/{id}")
	String run(@PathVariable UUID id, Model model) {
		model.addAttribute("log", hubspot.runLog(tenancy.current(), id));
		model.addAttribute("view", new View());
		return "crm/run";
	}

	@PostMapping(PAGE + "/hubspot")
	String connect(TokenForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			HubSpotConnections.Connection connection = connections.connect(tenancy.current(), form.token());
			if ("failing".equals(connection.status())) {
				// Kept, but not checked: HubSpot did not answer. Said as a warning, not a
				// success.
				redirect.addFlashAttribute("warning", "The token is saved but HubSpot did not answer, so it is not "
						+ "checked yet: " + connection.message() + " Test the connection once HubSpot can be reached.");
				return FormAction.Done.notice(null);
			}
			return FormAction.Done.notice("HubSpot connected. Choose what to import below, then Import now.");
		});
	}

	@PostMapping(PAGE + "/hubspot/test")
	String test(RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			HubSpotConnections.TestResult result = connections.test(tenancy.current());
			if (!result.ok()) {
				throw new InvalidInputProblem("crm-test", result.message());
			}
			return FormAction.Done.notice(result.message());
		});
	}

	@PostMapping(PAGE + "/hubspot/settings")
	String settings(SettingsForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			connections.saveSettings(tenancy.current(), new HubSpotConnections.Settings(form.targetList(),
					form.sourceListId(), fieldMap(form.fieldMap()), form.schedule()));
			return FormAction.Done.notice("Import settings saved.");
		});
	}

	@PostMapping(PAGE + "/hubspot/push")
	String push(PushForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			push.saveSettings(tenancy.current(), form.settings());
			return FormAction.Done.notice("Push settings saved.");
		});
	}

	@PostMapping(PAGE + "/hubspot/export")
	String exportList(ExportForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			if (form.listId() == null) {
				throw new InvalidInputProblem("crm-export", "Choose the list to send.");
			}
			export.startExport(tenancy.current(), form.listId());
			return FormAction.Done
				.notice("Sending the list to HubSpot: the sync log below shows its progress (refresh the page).");
		});
	}

	@PostMapping(PAGE + "/hubspot/import")
	String importNow(RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			hubspot.startImport(tenancy.current());
			return FormAction.Done
				.notice("Import from HubSpot started: the sync log below shows its progress (refresh the page).");
		});
	}

	@PostMapping(PAGE + "/hubspot/disconnect")
	String disconnect(RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			return FormAction.Done.notice(connections.disconnect(tenancy.current()));
		});
	}

	/** "industry = industry" lines to a map; a line without "=" is a problem. */
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
			if (eq < 0) {
				throw new InvalidInputProblem("crm-settings",
						"Write each mapping as hubspot_property = custom_field: " + line.strip());
			}
			map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
		}
		return map;
	}

	/** Words and times for the templates. */
	static final class View {

		private static final DateTimeFormatter TIME = DateTimeFormatter
			.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
			.withZone(ZoneOffset.UTC);

		public String time(Instant instant) {
			return instant == null ? "never" : TIME.format(instant);
		}

		public String badge(String status) {
			return switch (status) {
				case "connected", "done", "created" -> "badge ok";
				case "running", "updated" -> "badge";
				case "skipped", "queued", "sending" -> "badge warn";
				case "sent" -> "badge ok";
				default -> "badge bad";
			};
		}

		public String words(String value) {
			return switch (value) {
				case "connected" -> "Connected";
				case "expired" -> "Connect again";
				case "failing" -> "Failing";
				case "running" -> "Running";
				case "done" -> "Done";
				case "failed" -> "Failed";
				case "created" -> "Created";
				case "updated" -> "Updated";
				case "skipped" -> "Skipped";
				case "queued" -> "Waiting";
				case "sending" -> "Sending";
				case "sent" -> "Sent";
				case "reply" -> "Reply";
				case "label" -> "Lead label";
				case "bounce" -> "Hard bounce";
				case "unsubscribe" -> "Unsubscribe";
				case "complaint" -> "Spam complaint";
				case "note" -> "Timeline note";
				case "task" -> "Completed task";
				case "field" -> "Field sync";
				case "properties" -> "Property change";
				case "interested" -> "Interested";
				case "meeting_booked" -> "Meeting booked";
				case "not_interested" -> "Not interested";
				case "wrong_person" -> "Wrong person";
				case "out_of_office" -> "Out of office";
				default -> value;
			};
		}

		/** A push kind's checkbox, in words. */
		public String pushKind(String kind) {
			return switch (kind) {
				case "reply" -> "Replies, as a note on the contact's timeline";
				case "label" -> "Lead labels set in the inbox, as the lead status property";
				case "bounce" -> "Hard bounces, as a note";
				case "unsubscribe" -> "Unsubscribes, as a note (and the property below)";
				case "complaint" -> "Spam complaints, as a note (and the property below)";
				default -> kind;
			};
		}

		/**
		 * The push form's field of an inbox label: meeting_booked → labelMeetingBooked.
		 */
		public String labelField(String label) {
			StringBuilder name = new StringBuilder("label");
			for (String part : label.split("_")) {
				name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
			}
			return name.toString();
		}

		public String fieldMap(Map<String, String> map) {
			StringBuilder text = new StringBuilder();
			map.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
			return text.toString();
		}

	}

}
