/**
 * Webhooks: events of the workspace sent to endpoints its people register, signed per the
 * Standard Webhooks specification (headers {@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}), from a durable outbox, retried on a published schedule,
 * logged attempt by attempt and replayable. Zapier-style REST hooks are endpoints too.
 * <p>
 * The event catalogue ({@code internal.catalogue}) listens to the other features'
 * application events and appends each business event once
 * ({@code internal.WebhookEventLog}); the senders ({@code internal.delivery}) claim due
 * deliveries with {@code SKIP LOCKED}, apply the endpoint's CEL filter and JSLT transform
 * ({@code internal.filter}), sign and POST them. Only alerts depends on this module (it
 * listens to {@link WebhookEndpointDisabled}, and appends {@code alert.*} events through
 * {@link AlertWebhooks}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "campaigns", "contacts", "delivery", "domains",
		"identity", "inbound", "mailboxes", "reputation", "shared", "tracking", "warmup" })
package com.penguinmails.webhooks;
