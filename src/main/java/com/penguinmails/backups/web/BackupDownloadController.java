package com.penguinmails.backups.web;

import java.io.InputStream;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.penguinmails.backups.internal.BackupDownloads;
import com.penguinmails.shared.NotFoundProblem;

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
		BackupDownloads.File file = downloads.file(token)
			.orElseThrow(() -> new NotFoundProblem(
					"A backup for this link (it is valid for an hour: make a new one on /system/backups)"));
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

}
