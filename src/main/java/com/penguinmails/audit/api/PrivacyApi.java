package com.penguinmails.audit.api;

import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.audit.Privacy;
import com.penguinmails.shared.Tenancy;

@RestController
@Tag(name = "Privacy", description = "GDPR/CCPA: export or erase everything held on one contact (audited)")
@SecurityRequirement(name = "apiKey")
class PrivacyApi {

	private final Privacy privacy;

	private final Tenancy tenancy;

	PrivacyApi(Privacy privacy, Tenancy tenancy) {
		this.privacy = privacy;
		this.tenancy = tenancy;
	}

	@GetMapping(path = "/api/v1/contacts/{id}/export", produces = "application/json")
	@Operation(summary = "Everything held on the contact, as one JSON document (written to the audit log)")
	Map<String, Object> export(@PathVariable UUID id, HttpServletRequest request) {
		return privacy.export(tenancy.current(), id, request.getRemoteAddr());
	}

	@PostMapping("/api/v1/contacts/{id}/erase")
	@Operation(summary = "Erase the contact everywhere; the address stays suppressed by its hash only (admins)")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> erase(@PathVariable UUID id, HttpServletRequest request) {
		privacy.erase(tenancy.current(), id, request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

}
