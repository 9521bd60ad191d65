package com.penguinmails.alerts.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alert delivery settings under {@code penguinmails.alerts}.
 *
 * @param notifierEnabled whether this node sends pending notifications and takes due
 * escalation steps on a schedule (every node may: rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}); tests call {@link AlertNotifier#round} and
 * {@link AlertEscalator#escalateDue} themselves
 * @param every how often the schedule runs
 * @param timeout how long one POST to a Slack or Teams URL may take, connection included
 * @param ackLinkValidity how long an acknowledgement link sent in a message works
 * @param allowHttp whether Slack and Teams URLs may be plain {@code http://} (default
 * false: the URL is a secret, sent only over TLS; tests' receivers are plain HTTP)
 */
@ConfigurationProperties("penguinmails.alerts")
public record AlertsProperties(boolean notifierEnabled, Duration every, Duration timeout, Duration ackLinkValidity,
		boolean allowHttp) {

	public AlertsProperties {
		every = every == null ? Duration.ofSeconds(15) : every;
		timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
		ackLinkValidity = ackLinkValidity == null ? Duration.ofDays(7) : ackLinkValidity;
	}

}
