package com.penguinmails.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.delivery.internal.SendingPauses;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The workspace's "pause all sending" switch. While paused, the dispatcher claims none of
 * the workspace's messages (the next round, within a second); they wait, due, and go out
 * on resume. Admins and owners flip it.
 */
@Service
public class SendingSwitch {

	/**
	 * @param pausedAt when sending was paused, or null while it runs
	 */
	public record Status(boolean paused, Instant pausedAt) {
	}

	private final SendingPauses pauses;

	private final Clock clock;

	SendingSwitch(SendingPauses pauses, Clock clock) {
		this.pauses = pauses;
		this.clock = clock;
	}

	public Status pause(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "campaigns:write");
		pauses.pause(tenant.workspaceId(), tenant.userId(), clock.instant());
		return status(tenant.workspaceId());
	}

	public Status resume(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "campaigns:write");
		pauses.resume(tenant.workspaceId());
		return status(tenant.workspaceId());
	}

	public Status status(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		return status(tenant.workspaceId());
	}

	/** For other features (the scheduler): whether the workspace's sending is paused. */
	public boolean paused(UUID workspaceId) {
		return pausedAt(workspaceId).isPresent();
	}

	private Status status(UUID workspaceId) {
		Optional<Instant> at = pausedAt(workspaceId);
		return new Status(at.isPresent(), at.orElse(null));
	}

	private Optional<Instant> pausedAt(UUID workspaceId) {
		return pauses.pausedAt(workspaceId);
	}

}
