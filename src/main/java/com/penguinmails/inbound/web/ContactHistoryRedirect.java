package com.penguinmails.inbound.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The retired per-contact mail history page: the contact page's activity timeline shows
 * the same replies, bounces (reason, SMTP reply) and complaints, so the old address only
 * sends bookmarks on. The history stays in the API, {@code GET
 * /api/v1/inbox/contacts/{id}}.
 */
@Controller
class ContactHistoryRedirect {

	// RFC 9110 §15.4.2: 301 Moved Permanently, the new URI in Location; a fragment there
	// is kept by the browser (§10.2.2), so it lands on the timeline.
	@GetMapping("/inbox/contacts/{contactId}")
	ResponseEntity<Void> history(@PathVariable UUID contactId) {
		return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
			.location(URI.create("/contacts/" + contactId + "#timeline"))
			.build();
	}

}
