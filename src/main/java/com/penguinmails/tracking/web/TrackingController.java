package com.penguinmails.tracking.web;

import java.util.Base64;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.tracking.Engagements;
import com.penguinmails.tracking.internal.TrackingHostFilter;

/**
 * The open pixel and the click redirect. A tampered or unknown token is a 404: the
 * redirect only ever goes where a message of ours pointed (no open redirect). The
 * client's address is the connection's, or the one a trusted proxy forwarded when
 * {@code server.forward-headers-strategy} says so; never a header taken on trust here. On
 * a workspace's tracking host, a link of another workspace is a 404 too.
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
	ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest request,
			@RequestAttribute(name = TrackingHostFilter.WORKSPACE, required = false) UUID hostWorkspace) {
		if (!engagements.opened(token, request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr(),
				hostWorkspace)) {
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
	ResponseEntity<Void> click(@PathVariable String token, HttpServletRequest request,
			@RequestAttribute(name = TrackingHostFilter.WORKSPACE, required = false) UUID hostWorkspace) {
		// The destination is the message's own link, as written (it may hold characters a
		// strict URI refuses); only line breaks are taken out of the header.
		return engagements
			.clicked(token, request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr(), hostWorkspace)
			.map(url -> ResponseEntity.status(HttpStatus.FOUND)
				.header(HttpHeaders.LOCATION, url.replaceAll("[\\r\\n]", ""))
				.cacheControl(CacheControl.noStore())
				.<Void>build())
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
