package com.penguinmails.webhooks.internal.delivery;

import java.net.URI;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.webhooks.WebhookEndpointDisabled;

/**
 * Disables an endpoint (410 Gone, or failing for too long): fails its pending deliveries
 * and publishes {@link WebhookEndpointDisabled} in the same transaction, once.
 */
@Component
class EndpointDisabler {

	private final SenderStore store;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	EndpointDisabler(SenderStore store, ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.store = store;
		this.events = events;
		this.transactions = transactions;
	}

	void disable(SenderStore.Endpoint endpoint, String reason, Instant now) {
		transactions.executeWithoutResult(status -> {
			if (store.disable(endpoint.id(), reason, now)) {
				events.publishEvent(new WebhookEndpointDisabled(endpoint.workspaceId(), endpoint.id(),
						host(endpoint.url()), reason, now));
			}
		});
	}

	private static String host(String url) {
		try {
			String host = URI.create(url).getHost();
			return host == null ? "(no host)" : host;
		}
		catch (IllegalArgumentException ex) {
			return "(not a URL)";
		}
	}

}
