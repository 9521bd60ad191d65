package com.penguinmails.contacts.api;

import java.io.StringReader;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.contacts.Suppression;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;

@RestController
@RequestMapping(path = "/api/v1/suppressions", produces = "application/json")
@Tag(name = "Suppressions", description = "Addresses and domains never to be mailed")
@SecurityRequirement(name = "apiKey")
class SuppressionsApi {

	record Add(String value, String reason) {
	}

	private final Suppressions suppressions;

	private final Tenancy tenancy;

	SuppressionsApi(Suppressions suppressions, Tenancy tenancy) {
		this.suppressions = suppressions;
		this.tenancy = tenancy;
	}

	@GetMapping
	CursorPage<Suppression> list(@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "100") int limit) {
		return suppressions.list(tenancy.current(), cursor, limit);
	}

	@PostMapping
	@Operation(summary = "Suppress an address or a whole domain; 201 when new, 200 when already suppressed")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Void> add(@RequestBody Add request) {
		boolean added = suppressions.add(tenancy.current(), request.value(), request.reason());
		return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK).build();
	}

	@DeleteMapping("/{id}")
	@ApiResponse(responseCode = "409", description = "The suppression of an erased contact stays")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> remove(@PathVariable UUID id) {
		suppressions.remove(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/import", consumes = { "text/csv", "text/plain" })
	Suppressions.ImportResult importCsv(@RequestBody String csv) {
		return suppressions.importCsv(tenancy.current(), new StringReader(csv));
	}

	@GetMapping(path = "/export", produces = "text/csv")
	ResponseEntity<String> export() {
		return ResponseEntity.ok()
			.header("Content-Disposition", "attachment; filename=\"suppressions.csv\"")
			.body(suppressions.exportCsv(tenancy.current()));
	}

}
