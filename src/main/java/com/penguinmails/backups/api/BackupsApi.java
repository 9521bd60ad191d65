package com.penguinmails.backups.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.backups.Backup;
import com.penguinmails.backups.Backups;
import com.penguinmails.backups.internal.BackupDownloads;
import com.penguinmails.identity.InstallationAdmins;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * The installation's backups: the list (newest first) and "back up now". Installation
 * admins only ({@code system:read}, {@code system:write} for API keys).
 */
@RestController
@RequestMapping(path = "/api/v1/system/backups", produces = "application/json")
@Tag(name = "System: backups",
		description = "The installation's database backups: list with size, duration and verification; take one now")
@SecurityRequirement(name = "apiKey")
class BackupsApi {

	/**
	 * The backups, newest first.
	 *
	 * @param backups at most {@code limit} of them
	 */
	record BackupList(List<Backup> backups) {
	}

	/**
	 * A backup started.
	 *
	 * @param id its id (also the id of the one already running, when one was)
	 * @param status {@code running}
	 */
	record Started(UUID id, String status) {
	}

	private final Backups backups;

	private final InstallationAdmins admins;

	private final Tenancy tenancy;

	private final BackupDownloads downloads;

	BackupsApi(Backups backups, InstallationAdmins admins, Tenancy tenancy, BackupDownloads downloads) {
		this.backups = backups;
		this.downloads = downloads;
		this.admins = admins;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "The backups, newest first: when, kind (scheduled, manual, pre-migration), size in bytes, "
			+ "duration (ISO 8601), status, location, SHA-256 and the verification's outcome")
	@ApiResponse(responseCode = "200", description = "The backups, newest first")
	@ApiResponse(responseCode = "400", description = "limit outside 1 to 500")
	@ApiResponse(responseCode = "403", description = "Not an installation admin, or the key lacks system:read")
	BackupList list(@RequestParam(defaultValue = "100") int limit) {
		admins.require(tenancy.current(), "system:read");
		if (limit < 1 || limit > 500) {
			throw new InvalidInputProblem("invalid-limit", "limit must be between 1 and 500.");
		}
		return new BackupList(backups.recent(limit));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Take a backup now, in the background (it is written, verified, then retention runs); "
			+ "poll the list for its outcome. When one is running already, returns that one")
	@ApiResponse(responseCode = "202", description = "Started (or already running): its id")
	@ApiResponse(responseCode = "403", description = "Not an installation admin, or the key lacks system:write")
	Started start() {
		admins.require(tenancy.current(), "system:write");
		return new Started(backups.startManual(), "running");
	}

	@PostMapping("/{id}/download-link")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "A link that downloads the backup's file (encrypted with the master key) without a login, "
			+ "for an hour: GET it with curl -fo backup.pmbackup '<url>'")
	@ApiResponse(responseCode = "201", description = "The link and when it expires")
	@ApiResponse(responseCode = "403", description = "Not an installation admin, or the key lacks system:write")
	@ApiResponse(responseCode = "404", description = "No such backup, or it has no file (running or failed)")
	BackupDownloads.Link downloadLink(@PathVariable UUID id) {
		admins.require(tenancy.current(), "system:write");
		return downloads.link(id);
	}

}
