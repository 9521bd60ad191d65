package com.penguinmails.inbound.internal;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads events from a provider's own list with the same parsers as its webhooks and hands
 * each to {@link ProviderFeedback#reconcile} in its own transaction, so one bad event
 * does not undo the others.
 */
@Component
public class ProviderReconciler {

	private final ProviderFeedback feedback;

	ProviderReconciler(ProviderFeedback feedback) {
		this.feedback = feedback;
	}

	/**
	 * @param provider {@code postmark} or {@code mailgun}
	 * @param events each in the shape of that provider's webhook body
	 * @return the events no webhook had delivered, now handled (unreadable ones are
	 * skipped: the list is the provider's, not a request to keep)
	 */
	public int reconcile(UUID workspaceId, String provider, List<JsonNode> events) {
		int missed = 0;
		for (JsonNode body : events) {
			ProviderEvent event;
			try {
				event = "mailgun".equals(provider) ? ProviderEventParsers.mailgun(body)
						: ProviderEventParsers.postmark(body);
			}
			catch (ProviderEvent.Malformed ex) {
				continue;
			}
			if (feedback.reconcile(workspaceId, provider, event, body.toString())) {
				missed++;
			}
		}
		return missed;
	}

}
