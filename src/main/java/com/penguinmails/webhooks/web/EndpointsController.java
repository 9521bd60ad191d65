package com.penguinmails.webhooks.web;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.FilterTester;
import com.penguinmails.webhooks.WebhookDeliveries;
import com.penguinmails.webhooks.WebhookEndpoint;
import com.penguinmails.webhooks.WebhookEndpoints;

/**
 * The pages {@code /settings/webhooks} (the list), {@code /settings/webhooks/new} and
 * {@code /settings/webhooks/{id}} (the form, secrets, rotation, enable/disable, delete,
 * test event), and the form's "Test against a sample event" panel (htmx). Admins only.
 */
@Controller
class EndpointsController {

	static final String LIST = "/settings/webhooks";

	private static final String ID = "/{id:[0-9a-fA-F-]{36}}";

	private final WebhookEndpoints endpoints;

	private final FilterTester tester;

	private final WebhookDeliveries deliveries;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	EndpointsController(WebhookEndpoints endpoints, FilterTester tester, WebhookDeliveries deliveries, Tenancy tenancy,
			ObjectMapper json) {
		this.endpoints = endpoints;
		this.tester = tester;
		this.deliveries = deliveries;
		this.tenancy = tenancy;
		this.json = json;
	}

	@GetMapping(LIST)
	String list(Model model) {
		model.addAttribute("endpoints", endpoints.list(admin()));
		model.addAttribute("view", new EndpointView());
		return "webhooks/endpoint-list";
	}

	@GetMapping(LIST + "/new")
	String blank(Model model) {
		admin();
		return form(model, null, EndpointForm.empty());
	}

	@PostMapping(LIST + "/new")
	String create(EndpointForm form, Model model, RedirectAttributes redirect) {
		Tenant tenant = admin();
		try {
			WebhookEndpoints.Created created = endpoints.create(tenant, form.request());
			redirect.addFlashAttribute("secret", created.secret());
			redirect.addFlashAttribute("notice", "Endpoint created.");
			return "redirect:" + LIST + "/" + created.endpoint().id();
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return form(model, null, form);
		}
	}

	@GetMapping(LIST + ID)
	String edit(@PathVariable UUID id, Model model) {
		WebhookEndpoint endpoint = endpoints.get(admin(), id);
		return form(model, endpoint, EndpointForm.of(endpoint));
	}

	@PostMapping(LIST + ID)
	String update(@PathVariable UUID id, EndpointForm form, Model model, RedirectAttributes redirect) {
		Tenant tenant = admin();
		try {
			endpoints.update(tenant, id, form.request());
			redirect.addFlashAttribute("notice", "Saved.");
			return "redirect:" + LIST + "/" + id;
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return form(model, endpoints.get(tenant, id), form);
		}
	}

	@PostMapping(LIST + ID + "/rotate")
	String rotate(@PathVariable UUID id, @RequestParam(required = false) Integer keepHours,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, LIST + "/" + id, () -> {
			WebhookEndpoints.Rotated rotated = endpoints.rotate(admin(), id, keepHours);
			redirect.addFlashAttribute("secret", rotated.secret());
			return FormAction.Done.notice("New secret made; the previous one keeps signing until "
					+ new EndpointView().time(rotated.previousExpiresAt()) + ".");
		});
	}

	@PostMapping(LIST + ID + "/enable")
	String enable(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, LIST + "/" + id, () -> {
			endpoints.enable(admin(), id);
			return FormAction.Done.notice("Endpoint enabled: new events are sent to it.");
		});
	}

	@PostMapping(LIST + ID + "/disable")
	String disable(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, LIST + "/" + id, () -> {
			endpoints.disable(admin(), id);
			return FormAction.Done.notice("Endpoint disabled: no event is sent to it until you enable it.");
		});
	}

	@PostMapping(LIST + ID + "/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, LIST + "/" + id, () -> {
			endpoints.delete(admin(), id);
			return FormAction.Done.to(LIST, "Endpoint deleted, with its deliveries.");
		});
	}

	@PostMapping(LIST + ID + "/send-test")
	String sendTest(@PathVariable UUID id, @RequestParam(defaultValue = "") String type, RedirectAttributes redirect) {
		return FormAction.run(redirect, LIST + "/" + id, () -> {
			EventType eventType = EventType.of(type)
				.orElseThrow(() -> new InvalidInputProblem("invalid-event-type", "Choose the type of the test event."));
			deliveries.sendTest(admin(), id, eventType);
			return FormAction.Done.notice("Test event queued: see it in the deliveries of this endpoint.");
		});
	}

	@PostMapping(LIST + "/test")
	String test(@RequestParam(defaultValue = "") String filter, @RequestParam(defaultValue = "") String transform,
			@RequestParam(defaultValue = "") String sampleType, @RequestParam(defaultValue = "") String sampleEvent,
			Model model) {
		Tenant tenant = admin();
		FormAction.inPage(model, () -> {
			JsonNode event = sampleEvent.isBlank() ? null : parse(sampleEvent);
			FilterTester.Outcome outcome = tester.test(tenant,
					new FilterTester.Trial(filter, transform, sampleType, event));
			model.addAttribute("outcome", outcome);
			model.addAttribute("eventJson", pretty(outcome.event()));
			model.addAttribute("bodyJson", outcome.body() == null ? null : pretty(outcome.body()));
			return FormAction.Done.notice(null);
		});
		return "webhooks/endpoint-test :: result";
	}

	private String form(Model model, WebhookEndpoint endpoint, EndpointForm form) {
		model.addAttribute("endpoint", endpoint);
		model.addAttribute("form", form);
		model.addAttribute("view", new EndpointView());
		model.addAttribute("types", EventType.values());
		model.addAttribute("maxKeepHours", WebhookEndpoints.MAX_KEEP_HOURS);
		return "webhooks/endpoint-form";
	}

	private Tenant admin() {
		Tenant tenant = tenancy.current();
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		return tenant;
	}

	private JsonNode parse(String text) {
		try {
			return json.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidInputProblem("invalid-event", "The pasted event is not JSON: " + ex.getOriginalMessage()
					+ " (line " + ex.getLocation().getLineNr() + ").");
		}
	}

	private String pretty(JsonNode node) {
		try {
			return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
