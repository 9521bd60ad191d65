/**
 * Analytics: the event stream of what happened to sent messages, campaign metrics and
 * their charts.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "campaigns", "delivery", "inbound", "shared", "tracking" })
package com.penguinmails.analytics;
