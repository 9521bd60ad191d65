package com.penguinmails.audit.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.identity.SecurityEvent;

/**
 * Writes every {@link SecurityEvent} to the audit log. The listener runs after the
 * publishing transaction commits; the event publication registry retries it after a
 * crash.
 */
@Component
class AuditRecorder {

	private final AuditRepository repository;

	AuditRecorder(AuditRepository repository) {
		this.repository = repository;
	}

	@ApplicationModuleListener
	void on(SecurityEvent event) {
		repository.append(event);
	}

}
