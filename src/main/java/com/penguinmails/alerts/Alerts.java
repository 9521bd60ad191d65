package com.penguinmails.alerts;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;

import com.penguinmails.alerts.internal.AlertRepository;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's alerts: every member sees them; reading one marks it read for the
 * workspace.
 */
@Service
public class Alerts {

	private final AlertRepository repository;

	private final Clock clock;

	Alerts(AlertRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/** The workspace's latest {@code limit} alerts, newest first. */
	public List<Alert> recent(Tenant tenant, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "workspace:read");
		return repository.recent(tenant.workspaceId(), limit);
	}

	/** How many of the workspace's alerts nobody has read. */
	public long unread(Tenant tenant) {
		return repository.unread(tenant.workspaceId());
	}

	/** Marks every alert of the workspace read, now. */
	public void markAllRead(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "workspace:read");
		repository.markAllRead(tenant.workspaceId(), clock.instant());
	}

}
