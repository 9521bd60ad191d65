package com.penguinmails.analytics.internal.reports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Scheduled reports' settings under {@code penguinmails.analytics.reports}.
 *
 * @param runnerEnabled whether this node looks for due reports every minute (every node
 * may: each run is claimed by one); tests turn it off and call
 * {@link ReportRunner#runDue}
 * @param attachLimit a file up to this size is attached to the e-mail; a larger one is
 * kept and sent as a signed download link
 * @param linkValidity how long a download link works
 */
@ConfigurationProperties("penguinmails.analytics.reports")
public record ReportsProperties(@DefaultValue("true") boolean runnerEnabled, @DefaultValue("5MB") DataSize attachLimit,
		@DefaultValue("P7D") Duration linkValidity) {
}
