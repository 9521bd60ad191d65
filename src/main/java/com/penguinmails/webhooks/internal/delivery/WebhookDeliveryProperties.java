package com.penguinmails.webhooks.internal.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook sender settings under {@code penguinmails.webhooks.delivery}.
 *
 * @param senderEnabled whether this node runs the sender loop; tests turn it off and run
 * rounds themselves with the instants they choose
 * @param pollInterval how long an idle sender waits before it looks for due deliveries
 * again (a full round looks again at once)
 * @param batchSize how many due deliveries one round claims
 * @param concurrency how many requests one node has in flight at most
 * @param timeout the whole request (connect, send, answer) at most; a slower receiver is
 * a failed attempt
 * @param lease how long a claim holds a delivery: a node that dies lets it go after this
 * (longer than {@code timeout})
 * @param disableAfter an endpoint whose attempts have all failed for this long is
 * disabled
 * @param retention events and attempts older than this are deleted
 */
@ConfigurationProperties("penguinmails.webhooks.delivery")
public record WebhookDeliveryProperties(@DefaultValue("true") boolean senderEnabled,
		@DefaultValue("PT0.2S") Duration pollInterval, @DefaultValue("200") int batchSize,
		@DefaultValue("32") int concurrency, @DefaultValue("PT15S") Duration timeout,
		@DefaultValue("PT2M") Duration lease, @DefaultValue("P5D") Duration disableAfter,
		@DefaultValue("P30D") Duration retention) {
}
