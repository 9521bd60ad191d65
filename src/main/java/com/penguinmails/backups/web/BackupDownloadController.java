package com.penguinmails.backups.web;

import java.io.InputStream;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.penguinmails.backups.internal.BackupDownloads;
import com.penguinmails.shared.Problem;

/**
 * {@code GET /system/backups/download/<token>}: a backup's file, as stored (encrypted
 * with the master key), as an attachment (RFC 6266), streamed, never cached. A token that
 * is malformed, altered or expired, or names a backup whose file is gone, is a 404
 * problem that says to make a new link.
 */
@RestController
class BackupDownloadController {

	private final BackupDownloads downloads;

	BackupDownloadController(BackupDownloads downloads) {
		this.downloads = downloads;
	}

	@GetMapping(BackupDownloads.PATH + "{token}")
	ResponseEntity<StreamingResponseBody> download(@PathVariable String token) {
		BackupDownloads.File file = downloads.file(token).orElseThrow(LinkNotValid::new);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.name()).build().toString())
			.cacheControl(CacheControl.noStore())
			.body(out -> {
				try (InputStream in = file.content().open()) {
					in.transferTo(out);
				}
			});
	}

	/** 404: the link is altered, expired, another's, or its backup's file is gone. */
	static class LinkNotValid extends Problem {

		LinkNotValid() {
			super(HttpStatus.NOT_FOUND, "not-found",
					"This backup download link is not valid: links work for an hour, and the backup may have been "
							+ "removed by retention. Make a new one on /system/backups.");
		}

	}

}
