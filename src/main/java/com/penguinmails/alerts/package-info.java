/**
 * Alerts: what a workspace must know about (a sending domain whose DNS records broke,
 * ...), fed by other features' events, each with a stable type. In the app, and routed by
 * type, severity or both to channels (email, Slack and Microsoft Teams incoming webhooks,
 * the webhook system's {@code alert.raised}) with quiet hours, escalation policies,
 * acknowledgement (page, API, signed link) and an incident timeline. The SQL is in
 * {@code internal}'s repositories; notifications are sent and escalations taken by every
 * node, claiming rows with {@code SKIP LOCKED}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "certificates", "domains", "identity",
		"inbound", "mailboxes", "reputation", "shared", "warmup", "webhooks" })
package com.penguinmails.alerts;
