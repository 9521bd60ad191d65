package com.penguinmails.delivery.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery settings under {@code penguinmails.delivery}.
 *
 * @param dispatcherEnabled whether this node runs the dispatch loop (every second); tests
 * turn it off and call the dispatcher with a controlled time
 * @param batchSize how many due messages one dispatch round claims
 * @param senderThreads how many mailboxes one node sends through at once (one SMTP
 * connection each)
 */
@ConfigurationProperties("penguinmails.delivery")
public record DeliveryProperties(@DefaultValue("true") boolean dispatcherEnabled, @DefaultValue("100") int batchSize,
		@DefaultValue("8") int senderThreads) {
}
