package com.penguinmails.webhooks;

import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.shared.Tenant;

/**
 * Deliveries of events to endpoints, as people see them: the delivery log (every
 * attempt), replays one by one or by time range, and test events.
 */
@Service
public class WebhookDeliveries {

	/**
	 * Sends the type's sample event to one endpoint now (through the outbox, signed and
	 * logged like any event, ignoring the endpoint's event types and filter).
	 * @return the delivery's id
	 */
	public UUID sendTest(Tenant tenant, UUID endpointId, EventType type) {
		// SKELETON: the delivery part implements this.
		throw new UnsupportedOperationException("not yet");
	}

}
