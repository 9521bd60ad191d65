package com.penguinmails.tracking;

import java.util.List;

/**
 * Opens and clicks stored together in one commit of the tracking writer (at most 1,000,
 * in the order they were fetched). One event per batch, not one per fetch: each listener
 * then costs one event-publication row and one transaction per batch, which is what lets
 * the pixel and redirects keep up with tens of thousands of fetches a second. Every fetch
 * is in exactly one batch; a listener retried after a crash sees the whole batch again,
 * so listeners stay idempotent per element.
 *
 * @param opens the open pixels fetched, machines' included (flagged)
 * @param clicks the links followed, machines' included (flagged)
 */
public record EngagementsTracked(List<MessageOpened> opens, List<LinkClicked> clicks) {

	public EngagementsTracked {
		opens = List.copyOf(opens);
		clicks = List.copyOf(clicks);
	}

}
