package com.penguinmails.reputation.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.penguinmails.reputation.DmarcDomainView;
import com.penguinmails.reputation.DmarcFileEntry;
import com.penguinmails.reputation.DmarcReports;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;

/**
 * DMARC aggregate reports (RFC 7489 Appendix C, RFC 9990): upload, the file log, the
 * domains reported on and one domain's view, and where reports arrive by mail.
 */
@RestController
@RequestMapping(path = "/api/v1/reputation/dmarc", produces = "application/json")
@Tag(name = "Reputation: DMARC",
		description = "DMARC aggregate reports: upload, file log, per-domain pass rates, sources, fixes and the policy recommendation")
@SecurityRequirement(name = "apiKey")
class DmarcApi {

	/**
	 * Where reports arrive.
	 *
	 * @param folder the folder read in the mailbox; blank or absent: its INBOX (the whole
	 * mailbox receives reports)
	 */
	record PlaceRequest(String folder) {
	}

	private final DmarcReports reports;

	private final Tenancy tenancy;

	DmarcApi(DmarcReports reports, Tenancy tenancy) {
		this.reports = reports;
		this.tenancy = tenancy;
	}

	@GetMapping("/domains")
	@Operation(summary = "Every sending domain and every domain reported on: messages and pass rate of 30 days, "
			+ "policy, last report day")
	List<DmarcReports.DomainSummary> domains() {
		return reports.domains(tenancy.current());
	}

	@GetMapping("/domains/{domainId}")
	@Operation(
			summary = "One sending domain: pass rates over 7/30/90 days, sources grouped (ours, forwarders, others), "
					+ "failures to fix and the none → quarantine → reject recommendation with its evidence")
	@ApiResponse(responseCode = "404", description = "No such domain in the workspace")
	DmarcDomainView domain(@PathVariable UUID domainId) {
		return reports.domain(tenancy.current(), domainId);
	}

	@GetMapping("/files")
	@Operation(summary = "The file log, newest first: stored, duplicate and malformed files with the reason; "
			+ "pass nextCursor back as cursor for older ones (a malformed cursor or a limit out of 1 to 200: 400)")
	CursorPage<DmarcFileEntry> files(
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = "1 to 200") @RequestParam(defaultValue = "20") int limit) {
		return reports.files(tenancy.current(), cursor, limit);
	}

	@PostMapping(path = "/files", consumes = "multipart/form-data")
	@Operation(
			summary = "Upload report files (form field files: .xml, .xml.gz or .zip, at most 500; more: a 413 problem giving the limits); "
					+ "a malformed file is logged and the others still read")
	@ApiResponse(responseCode = "400", description = "No file")
	@ApiResponse(responseCode = "413",
			description = "More than 500 files, a file over 10 MB or a body over 32 MB (type too-many-files or upload-too-large)")
	@ResponseStatus(HttpStatus.OK)
	DmarcReports.Upload upload(@RequestParam(name = "files", required = false) List<MultipartFile> files)
			throws IOException {
		List<DmarcReports.UploadedFile> uploaded = new ArrayList<>();
		for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
			uploaded.add(new DmarcReports.UploadedFile(file.getOriginalFilename(), file.getBytes()));
		}
		return reports.upload(tenancy.current(), uploaded);
	}

	@PostMapping(path = "/files",
			consumes = { "application/xml", "text/xml", "application/gzip", "application/x-gzip", "application/zip",
					"application/octet-stream" })
	@Operation(summary = "Upload one report file as the request body (XML, gzip or zip)")
	@ApiResponse(responseCode = "400", description = "An empty body")
	DmarcReports.Upload uploadBody(@RequestBody(required = false) byte[] body, @Parameter(
			description = "The file's name, for the log") @RequestParam(defaultValue = "upload") String name) {
		return reports.upload(tenancy.current(),
				List.of(new DmarcReports.UploadedFile(name, body == null ? new byte[0] : body)));
	}

	@GetMapping("/report-addresses")
	@Operation(summary = "Each sending domain's published rua= report addresses (from its last DNS check) and "
			+ "whether one of them is a mailbox reports are read from")
	List<DmarcReports.ReportAddress> reportAddresses() {
		return reports.reportAddresses(tenancy.current());
	}

	@GetMapping("/places")
	@Operation(summary = "The mailboxes (and folders) DMARC reports are read from")
	List<DmarcReports.Place> places() {
		return reports.places(tenancy.current());
	}

	@PutMapping("/places/{mailboxId}")
	@Operation(summary = "Read DMARC reports from a mailbox: its INBOX, or the folder named (the sync reads it too)")
	@ApiResponse(responseCode = "404", description = "No such mailbox in the workspace")
	@ApiResponse(responseCode = "400", description = "An invalid folder name")
	DmarcReports.Place setPlace(@PathVariable UUID mailboxId, @RequestBody(required = false) PlaceRequest request) {
		return reports.setPlace(tenancy.current(), mailboxId, request == null ? null : request.folder());
	}

	@DeleteMapping("/places/{mailboxId}")
	@Operation(summary = "Stop reading DMARC reports from a mailbox")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> clearPlace(@PathVariable UUID mailboxId) {
		reports.clearPlace(tenancy.current(), mailboxId);
		return ResponseEntity.noContent().build();
	}

}
