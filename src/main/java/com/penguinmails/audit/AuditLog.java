package com.penguinmails.audit;

import java.util.List;

import org.springframework.stereotype.Service;

import com.penguinmails.audit.internal.AuditRepository;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Reading a workspace's audit log: owners and admins, or keys with {@code audit:read}.
 */
@Service
public class AuditLog {

	private final AuditRepository repository;

	AuditLog(AuditRepository repository) {
		this.repository = repository;
	}

	public CursorPage<AuditEvent> page(Tenant tenant, String cursor, int limit) {
		tenant.require(WorkspaceRole.ADMIN, "audit:read");
		if (limit < 1 || limit > 200) {
			throw new InvalidInputProblem("invalid-limit", "limit must be between 1 and 200.");
		}
		Long before = null;
		if (cursor != null && !cursor.isBlank()) {
			try {
				before = Long.parseLong(cursor);
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputProblem("invalid-cursor", "The cursor is not valid.");
			}
		}
		List<AuditEvent> events = repository.page(tenant.workspaceId(), before, limit + 1);
		if (events.size() > limit) {
			List<AuditEvent> data = events.subList(0, limit);
			return new CursorPage<>(List.copyOf(data), String.valueOf(data.get(limit - 1).id()));
		}
		return CursorPage.of(events);
	}

	public AuditEvent find(Tenant tenant, long id) {
		tenant.require(WorkspaceRole.ADMIN, "audit:read");
		return repository.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Audit event"));
	}

}
