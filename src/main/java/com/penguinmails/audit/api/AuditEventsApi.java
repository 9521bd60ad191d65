package com.penguinmails.audit.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.audit.AuditEvent;
import com.penguinmails.audit.AuditLog;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;

@RestController
@RequestMapping(path = "/api/v1/audit-events", produces = "application/json")
@Tag(name = "Audit", description = "The workspace's append-only audit log")
@SecurityRequirement(name = "apiKey")
class AuditEventsApi {

	private final AuditLog auditLog;

	private final Tenancy tenancy;

	AuditEventsApi(AuditLog auditLog, Tenancy tenancy) {
		this.auditLog = auditLog;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "Audit events, newest first; pass nextCursor back as cursor for older ones")
	CursorPage<AuditEvent> list(@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "50") int limit) {
		return auditLog.page(tenancy.current(), cursor, limit);
	}

	@GetMapping("/{id}")
	AuditEvent get(@PathVariable long id) {
		return auditLog.find(tenancy.current(), id);
	}

}
