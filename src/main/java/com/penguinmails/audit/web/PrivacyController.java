package com.penguinmails.audit.web;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.audit.Privacy;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenancy;

/**
 * The contact page's GDPR buttons: download the export, erase the contact. Both are
 * POSTs, so they carry the CSRF token and an export is never fetched by a stray link.
 */
@Controller
class PrivacyController {

	private final Privacy privacy;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	PrivacyController(Privacy privacy, Tenancy tenancy, ObjectMapper json) {
		this.privacy = privacy;
		this.tenancy = tenancy;
		this.json = json;
	}

	@PostMapping("/contacts/{id}/export")
	ResponseEntity<byte[]> export(@PathVariable UUID id, HttpServletRequest request) throws JsonProcessingException {
		Map<String, Object> export = privacy.export(tenancy.current(), id, request.getRemoteAddr());
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"contact-" + id + ".json\"")
			.body(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(export));
	}

	@PostMapping("/contacts/{id}/erase")
	String erase(@PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/contacts/" + id, () -> {
			privacy.erase(tenancy.current(), id, request.getRemoteAddr());
			return FormAction.Done.to("/contacts",
					"The contact was erased. The address stays suppressed by its hash alone, so it is not imported or mailed again.");
		});
	}

}
