package com.penguinmails.webhooks.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * An endpoint's filter: a CEL expression over the event (variable {@code event}: the
 * payload's {@code data} object with {@code type} and {@code timestamp} added), e.g.
 * {@code event.campaign.id == "…" && event.bounce.reason == "mailbox_full"}. An empty
 * filter lets every event through. Compiled programs are cached by their text.
 */
@Component
public class EventFilter {

	/**
	 * Checks that a filter compiles and gives a boolean.
	 * @throws ExpressionException what is wrong and where, for a person
	 */
	public void check(String expression) {
		// SKELETON: the CEL part implements this.
	}

	/**
	 * Whether the event passes the filter; true for a blank filter.
	 * @param payload the Standard Webhooks payload ({@code type}, {@code timestamp},
	 * {@code data})
	 * @throws ExpressionException when the filter does not compile or fails on this event
	 */
	public boolean matches(String expression, JsonNode payload) {
		return true;
	}

}
