/**
 * Alerts: what a workspace must know about, in the app and by email to its owner and
 * admins (a sending domain whose DNS records broke, ...). Fed by other features' events.
 * {@code internal.AlertRepository} holds all the SQL of {@code alerts}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "certificates", "domains", "identity",
		"inbound", "mailboxes", "reputation", "shared", "warmup", "webhooks" })
package com.penguinmails.alerts;
