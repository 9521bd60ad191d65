package com.penguinmails.webhooks.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.FormAction.Done;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.webhooks.DeliveryLog;
import com.penguinmails.webhooks.DeliveryStatus;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.WebhookDeliveries;

/**
 * The webhook delivery log pages: every endpoint's deliveries with search
 * ({@code /settings/webhooks/deliveries}), one endpoint's with the range replay form
 * ({@code /settings/webhooks/{id}/deliveries}) and one delivery's attempts with request
 * and response ({@code /settings/webhooks/deliveries/{id}/attempts}).
 */
@Controller
class DeliveriesController {

	/**
	 * The search form; every field may be blank. Times are UTC, as a datetime-local input
	 * gives them ({@code 2026-12-01T09:30}).
	 */
	record SearchForm(UUID endpoint, String type, String status, String http, String q, String from, String to,
			String cursor) {
	}

	/** The range replay form: times in UTC; {@code onlyFailed} a checkbox. */
	record ReplayRangeForm(String from, String to, boolean onlyFailed) {
	}

	private static final int PAGE = 50;

	private final WebhookDeliveries deliveries;

	private final Tenancy tenancy;

	DeliveriesController(WebhookDeliveries deliveries, Tenancy tenancy) {
		this.deliveries = deliveries;
		this.tenancy = tenancy;
	}

	@GetMapping("/settings/webhooks/deliveries")
	String all(@ModelAttribute("search") SearchForm form, Model model) {
		return log(form, null, model);
	}

	@GetMapping("/settings/webhooks/{endpointId}/deliveries")
	String endpoint(@PathVariable UUID endpointId, @ModelAttribute("search") SearchForm form, Model model) {
		return log(form, endpointId, model);
	}

	@GetMapping("/settings/webhooks/deliveries/{deliveryId}/attempts")
	String attempts(@PathVariable UUID deliveryId, Model model) {
		model.addAttribute("detail", deliveries.detail(tenancy.current(), deliveryId));
		model.addAttribute("types", EventTypeWords.INSTANCE);
		return "webhooks/delivery-attempts";
	}

	@PostMapping("/settings/webhooks/deliveries/{deliveryId}/replay")
	String replay(@PathVariable UUID deliveryId, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/webhooks/deliveries/" + deliveryId + "/attempts", () -> {
			deliveries.replay(tenancy.current(), deliveryId);
			return Done.notice("Replay queued: it goes out within a second, with the same webhook-id.");
		});
	}

	@PostMapping("/settings/webhooks/{endpointId}/deliveries/replay")
	String replayRange(@PathVariable UUID endpointId, @ModelAttribute ReplayRangeForm form,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/webhooks/" + endpointId + "/deliveries", () -> {
			int count = deliveries.replayRange(tenancy.current(), endpointId, time(form.from(), "from"),
					time(form.to(), "to"), form.onlyFailed());
			return Done.notice(count == 0 ? "Nothing to replay in that time range."
					: count + (count == 1 ? " delivery" : " deliveries") + " will be sent again within a second.");
		});
	}

	private String log(SearchForm form, UUID endpointId, Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("endpoints", deliveries.endpoints(tenant));
		model.addAttribute("endpointId", endpointId);
		model.addAttribute("endpointUrl",
				deliveries.endpoints(tenant)
					.stream()
					.filter(e -> e.id().equals(endpointId))
					.map(DeliveryLog.EndpointRef::url)
					.findFirst()
					.orElse(null));
		model.addAttribute("eventTypes", EventType.values());
		model.addAttribute("statuses", DeliveryStatus.values());
		model.addAttribute("types", EventTypeWords.INSTANCE);
		model.addAttribute("page", CursorPage.of(java.util.List.<DeliveryLog.Delivery>of()));
		FormAction.inPage(model, () -> {
			DeliveryLog.Search search = new DeliveryLog.Search(endpointId != null ? endpointId : form.endpoint(),
					type(form.type()), status(form.status()), http(form.http()), blankToNull(form.q()),
					time(form.from(), "from"), time(form.to(), "to"));
			model.addAttribute("page", deliveries.search(tenant, search, form.cursor(), PAGE));
			// Conditions beyond the page's own endpoint: then an empty page says "no
			// match".
			model.addAttribute("filtered",
					!(endpointId == null ? search : new DeliveryLog.Search(null, search.eventType(), search.status(),
							search.httpStatus(), search.text(), search.from(), search.to()))
						.equals(DeliveryLog.Search.ALL));
			return Done.notice(null);
		});
		return "webhooks/delivery-log";
	}

	private static String type(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return EventType.of(value.strip())
			.orElseThrow(() -> new InvalidInputProblem("unknown-event-type", "Choose an event type from the list."))
			.type();
	}

	private static DeliveryStatus status(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return DeliveryStatus.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-status", "Choose a status from the list.");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static Integer http(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			int code = Integer.parseInt(value.strip());
			if (code >= 100 && code <= 599) {
				return code;
			}
		}
		catch (NumberFormatException ex) {
			// The message below.
		}
		throw new InvalidInputProblem("invalid-http-status", "An HTTP status is a number from 100 to 599.");
	}

	private static Instant time(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputProblem("invalid-" + field,
					"Give \"" + field + "\" as a date and time (UTC), e.g. 2026-12-01T09:30.");
		}
	}

}
