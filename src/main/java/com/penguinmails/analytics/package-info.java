/**
 * Analytics: the event stream of what happened to sent messages, campaign metrics and
 * their charts. {@code CampaignStats} combines the outbox's, tracking's and its own
 * counts; {@code internal.AnalyticsEventRepository} holds all the SQL of
 * {@code analytics_events}, written by {@code internal.EventLog} from inbound's and
 * tracking's events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "campaigns", "contacts", "delivery", "identity",
		"inbound", "mailboxes", "reputation", "shared", "tracking" })
package com.penguinmails.analytics;
