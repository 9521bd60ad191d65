package com.penguinmails.webhooks;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.webhooks.internal.filter.EventFilter;
import com.penguinmails.webhooks.internal.filter.ExpressionException;
import com.penguinmails.webhooks.internal.filter.PayloadTransform;

/**
 * Tries a filter and a transformation on an event before they are saved: the catalogue's
 * sample of a type, or an event a person pasted. Nothing is stored or sent.
 */
@Service
public class FilterTester {

	/**
	 * What to try.
	 *
	 * @param filter a CEL expression (blank: every event matches)
	 * @param transform a JSLT expression (blank: the payload as is)
	 * @param type the wire name of the type whose sample to use, when {@code event} is
	 * absent
	 * @param event a Standard Webhooks payload ({@code {"type", "timestamp", "data"}}) to
	 * use instead of a sample
	 */
	public record Trial(String filter, String transform, String type, JsonNode event) {
	}

	/**
	 * What happened.
	 *
	 * @param event the payload tried
	 * @param matched whether the filter let it through; null when the filter failed
	 * @param body what would be sent (the transformation's result, or the payload); null
	 * when the filter said no or something failed
	 * @param error the filter's or the transformation's error, for a person; null when
	 * both worked
	 */
	public record Outcome(JsonNode event, Boolean matched, JsonNode body, String error) {
	}

	private final EventCatalogue catalogue;

	private final EventFilter filter;

	private final PayloadTransform transform;

	FilterTester(EventCatalogue catalogue, EventFilter filter, PayloadTransform transform) {
		this.catalogue = catalogue;
		this.filter = filter;
		this.transform = transform;
	}

	/**
	 * Runs the filter, then (when it matches) the transformation, on the event.
	 * @throws InvalidInputProblem neither a known type nor an event object given
	 */
	public Outcome test(Tenant tenant, Trial trial) {
		tenant.require(WorkspaceRole.VIEWER, "webhooks:read");
		JsonNode event = event(trial);
		boolean matched;
		try {
			matched = filter.matches(trial.filter(), event);
		}
		catch (ExpressionException ex) {
			return new Outcome(event, null, null, ex.getMessage());
		}
		if (!matched) {
			return new Outcome(event, false, null, null);
		}
		try {
			return new Outcome(event, true, transform.apply(trial.transform(), event), null);
		}
		catch (ExpressionException ex) {
			return new Outcome(event, true, null, ex.getMessage());
		}
	}

	private JsonNode event(Trial trial) {
		if (trial.event() != null && !trial.event().isNull()) {
			if (!trial.event().isObject() || !trial.event().path("data").isObject()) {
				throw new InvalidInputProblem("invalid-event",
						"The event must be a Standard Webhooks payload: {\"type\": …, \"timestamp\": …, \"data\": {…}}.");
			}
			return trial.event();
		}
		Optional<EventType> type = EventType.of(trial.type() == null ? "" : trial.type().strip());
		return catalogue.sample(type.orElseThrow(() -> new InvalidInputProblem("invalid-event-type",
				"Choose an event type to try the sample of, or paste an event.")));
	}

}
