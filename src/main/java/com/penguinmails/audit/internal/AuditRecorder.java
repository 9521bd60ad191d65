package com.penguinmails.audit.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.identity.SecurityEvent;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.AuditedAction;

/**
 * Writes every {@link SecurityEvent} and every {@link AuditedAction} of the features to
 * the audit log. The listeners run after the publishing transaction commits; the event
 * publication registry retries them after a crash.
 */
@Component
class AuditRecorder {

	private final AuditRepository repository;

	private final WorkspaceDirectory directory;

	AuditRecorder(AuditRepository repository, WorkspaceDirectory directory) {
		this.repository = repository;
		this.directory = directory;
	}

	@ApplicationModuleListener
	void on(SecurityEvent event) {
		repository.append(event);
	}

	@ApplicationModuleListener
	void on(AuditedAction action) {
		String actor;
		if (action.actorUserId() != null) {
			actor = directory.memberEmail(action.workspaceId(), action.actorUserId());
		}
		else {
			actor = action.apiKeyId() != null ? "API key " + action.apiKeyId() : "system";
		}
		repository.append(action.workspaceId(), action.actorUserId(), actor, action.action(),
				action.target() == null ? "" : action.target(), "", action.occurredAt());
	}

}
