package com.penguinmails.delivery;

import java.time.Instant;

/**
 * How much the outbox carries, over every workspace, for the installation's resource
 * history (system status): not scoped to a workspace, so never exposed to one.
 */
public interface OutboxLoad {

	/** Messages queued or deferred, due or not. */
	long queueDepth();

	/** Messages sent in [{@code from}, {@code to}), every workspace's. */
	long sentBetween(Instant from, Instant to);

}
