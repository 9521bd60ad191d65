package com.penguinmails.tracking.web;

import java.util.Base64;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.tracking.Engagements;

/**
 * The open pixel and the click redirect. A tampered or unknown token is a 404: the
 * redirect only ever goes where a message of ours pointed (no open redirect).
 */
@RestController
class TrackingController {

	/** A transparent 1x1 GIF. */
	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private final Engagements engagements;

	TrackingController(Engagements engagements) {
		this.engagements = engagements;
	}

	@GetMapping("/o/{token}")
	ResponseEntity<byte[]> open(@PathVariable String token) {
		if (!engagements.opened(token)) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_GIF)
			.cacheControl(CacheControl.noStore().mustRevalidate())
			.header("Pragma", "no-cache")
			.header("Expires", "0")
			.body(PIXEL);
	}

	@GetMapping("/c/{token}")
	ResponseEntity<Void> click(@PathVariable String token) {
		// The destination is the message's own link, as written (it may hold characters a
		// strict URI refuses); only line breaks are taken out of the header.
		return engagements.clicked(token)
			.map(url -> ResponseEntity.status(HttpStatus.FOUND)
				.header(HttpHeaders.LOCATION, url.replaceAll("[\\r\\n]", ""))
				.cacheControl(CacheControl.noStore())
				.<Void>build())
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
