package com.penguinmails.warmup.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.inbound.WarmupFilter;
import com.penguinmails.warmup.PlacementTests;

/**
 * Keeps placement-test copies out of inbound: a seed mailbox is often one of the
 * workspace's own, and its copy sits in the inbox until the test finds it and files it
 * into "Warmup".
 */
@Component
class PlacementFilter implements WarmupFilter {

	private final PlacementTests tests;

	PlacementFilter(PlacementTests tests) {
		this.tests = tests;
	}

	@Override
	public boolean isWarmup(UUID mailboxId, Candidate candidate) {
		return candidate.message() != null && tests.isPlacementMessage(candidate.message());
	}

}
