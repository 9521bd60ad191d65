package com.penguinmails.identity.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.penguinmails.identity.SecurityEvent;

/**
 * Publishes {@link SecurityEvent}s; call it inside the transaction of the change it
 * reports.
 */
@Component
class SecurityEvents {

	private final ApplicationEventPublisher publisher;

	private final WorkspaceRepository workspaces;

	private final Clock clock;

	SecurityEvents(ApplicationEventPublisher publisher, WorkspaceRepository workspaces, Clock clock) {
		this.publisher = publisher;
		this.workspaces = workspaces;
		this.clock = clock;
	}

	/**
	 * An action on the user's own account: it goes to every workspace the user belongs
	 * to.
	 */
	void account(String action, UUID userId, String actor, String target, String ip) {
		List<UUID> ids = userId == null ? List.of() : workspaces.workspaceIdsOf(userId);
		if (!ids.isEmpty()) {
			publisher.publishEvent(new SecurityEvent(action, ids, userId, actor, target, ip, clock.instant()));
		}
	}

	/** An action within one workspace. */
	void workspace(String action, UUID workspaceId, UUID userId, String actor, String target, String ip) {
		publisher
			.publishEvent(new SecurityEvent(action, List.of(workspaceId), userId, actor, target, ip, clock.instant()));
	}

}
