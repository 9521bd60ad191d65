package com.penguinmails.contacts.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactImport;
import com.penguinmails.contacts.ContactFilterParams;
import com.penguinmails.contacts.ContactImports;
import com.penguinmails.contacts.ContactPage;
import com.penguinmails.contacts.ContactSort;
import com.penguinmails.contacts.ContactTable;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.contacts.CustomFields;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

@RestController
@RequestMapping(path = "/api/v1/contacts", produces = "application/json")
@Tag(name = "Contacts", description = "Contacts (leads) and CSV imports")
@SecurityRequirement(name = "apiKey")
class ContactsApi {

	private final Contacts contacts;

	private final ContactImports imports;

	private final CustomFields customFields;

	private final ObjectMapper json;

	private final Tenancy tenancy;

	private final ContactTable table;

	ContactsApi(Contacts contacts, ContactImports imports, CustomFields customFields, ObjectMapper json,
			Tenancy tenancy, ContactTable table) {
		this.table = table;
		this.contacts = contacts;
		this.imports = imports;
		this.customFields = customFields;
		this.json = json;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "Find, filter and sort contacts; keyset pages",
			description = "Every word of `q` must occur (any case) in the email (and so its domain), first or last "
					+ "name, company, title or a custom text field. `list`, `tag`, `status` (active, unsubscribed, "
					+ "bounced, complained) and `segment` narrow it; all conditions hold together. `sort` is email, "
					+ "first_name, last_name, company, title, score, status, created_at, updated_at or "
					+ "custom.<field> (numbers as numbers, dates as dates, no value last), `dir` asc or desc "
					+ "(default created_at desc). Pass `nextCursor` or `previousCursor` back as `cursor` with the "
					+ "same filter and sort. `total=true` adds how many match. A bad parameter is a 400 problem.")
	ContactPage list(@RequestParam(required = false) String q, @RequestParam(required = false) String list,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String status,
			@RequestParam(required = false) String segment, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "false") boolean total) {
		return table.page(tenancy.current(), ContactFilterParams.of(q, list, tag, status, segment),
				ContactSort.of(sort, dir), cursor, limit, total);
	}

	@GetMapping("/columns")
	@Operation(summary = "The columns of the contacts table the key's user sees, and every column there is")
	ContactColumns columns() {
		Tenant tenant = tenancy.current();
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return new ContactColumns(table.columns(tenant, null), table.available(tenant));
	}

	@PutMapping(path = "/columns", consumes = "application/json")
	@Operation(summary = "Remember the columns of the contacts table for the key's user in this workspace",
			description = "`columns`: column keys in order (email, name, first_name, last_name, company, title, "
					+ "phone, country, tags, score, status, created_at, custom.<field>); an unknown key is a 400.")
	ContactColumns saveColumns(@RequestBody ColumnChoice choice) {
		Tenant tenant = tenancy.current();
		return new ContactColumns(table.saveColumns(tenant, choice == null ? null : choice.columns()),
				table.available(tenant));
	}

	/**
	 * The contacts table's columns.
	 *
	 * @param shown the columns shown, in order
	 * @param available every column one may choose
	 */
	record ContactColumns(List<ContactTable.Column> shown, List<ContactTable.Column> available) {
	}

	/** The columns to show, by key, in order. */
	record ColumnChoice(List<String> columns) {
	}

	@PostMapping
	@ApiResponse(responseCode = "409", description = "A contact with this address exists, or it was erased")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Contact> create(@RequestBody NewContact contact) {
		Contact created = contacts.create(tenancy.current(), contact);
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	Contact get(@PathVariable UUID id) {
		return contacts.get(tenancy.current(), id);
	}

	@PatchMapping(path = "/{id}", consumes = { "application/json", "application/merge-patch+json" })
	@ApiResponse(responseCode = "409", description = "Another contact has this address, or it was erased")
	@Operation(summary = "Change the fields given (merge patch): custom merges key by key (null removes), tags replace")
	@ResponseStatus(HttpStatus.OK)
	Contact update(@PathVariable UUID id, @RequestBody Map<String, Object> patch) {
		return contacts.update(tenancy.current(), id, patch);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		contacts.delete(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/imports", consumes = { "text/csv", "text/plain", "application/octet-stream" })
	@Operation(summary = "Start a CSV import; returns the job at once",
			description = "The encoding is told from a byte order mark or the bytes (UTF-8, UTF-16, Windows and "
					+ "ISO-8859 code pages, ...) unless `encoding` names it (an IANA name such as windows-1252; "
					+ "an unknown name, or a file whose encoding cannot be told, is a 400 `unknown-encoding`). "
					+ "The delimiter is guessed from the first lines (, ; tab |) unless `delimiter` names it. "
					+ "The job says which encoding and delimiter were used.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = { @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
							@Content(mediaType = "text/plain", schema = @Schema(type = "string")),
							@Content(mediaType = "application/octet-stream",
									schema = @Schema(type = "string", format = "binary")) }))
	@ResponseStatus(HttpStatus.ACCEPTED)
	ResponseEntity<ContactImport> startImport(HttpServletRequest request,
			@RequestParam(required = false) String delimiter, @RequestParam(required = false) String encoding,
			@RequestParam(defaultValue = "update") String duplicates, @RequestParam(required = false) String mapping,
			@RequestParam(required = false) UUID list, @RequestParam(defaultValue = "false") boolean checkMx)
			throws IOException {
		Map<String, String> columns = Map.of();
		if (mapping != null && !mapping.isBlank()) {
			try {
				columns = json.readValue(mapping, new TypeReference<Map<String, String>>() {
				});
			}
			catch (IOException ex) {
				throw new InvalidInputProblem("invalid-mapping",
						"mapping must be a JSON object: {\"CSV header\": \"field\"}.");
			}
		}
		if (!duplicates.equals("update") && !duplicates.equals("skip")) {
			throw new InvalidInputProblem("invalid-duplicates", "duplicates must be update or skip.");
		}
		// The body is streamed to a temporary file, never held in memory: files run to
		// hundreds of MB.
		ContactImport job = imports.start(tenancy.current(), request.getInputStream(), new ContactImports.Options(
				delimiter(delimiter), duplicates.equals("update"), columns, list, checkMx, encoding));
		return ResponseEntity.accepted().location(URI.create("/api/v1/contacts/imports/" + job.id())).body(job);
	}

	@GetMapping("/fields")
	@Operation(summary = "The custom fields and their types (text, number, date, boolean)")
	CursorPage<CustomFields.Field> fields() {
		return CursorPage.of(customFields.list(tenancy.current()));
	}

	@PostMapping("/fields")
	@ApiResponse(responseCode = "409", description = "A field with this key exists")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<CustomFields.Field> defineField(@RequestBody CustomFields.Field field) {
		CustomFields.Field created = customFields.define(tenancy.current(), field.key(), field.type());
		return ResponseEntity.created(URI.create("/api/v1/contacts/fields/" + created.key())).body(created);
	}

	@DeleteMapping("/fields/{key}")
	@Operation(summary = "Delete a custom field and its values on every contact (admins)")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> deleteField(@PathVariable String key) {
		customFields.delete(tenancy.current(), key);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/imports/{id}")
	ContactImport importJob(@PathVariable UUID id) {
		return imports.get(tenancy.current(), id);
	}

	/** One character, {@code tab}, or null (absent or {@code auto}) to guess it. */
	private static Character delimiter(String value) {
		if (value == null || value.isEmpty() || value.equalsIgnoreCase("auto")) {
			return null;
		}
		if (value.equals("\\t") || value.equalsIgnoreCase("tab")) {
			return '\t';
		}
		if (value.length() != 1) {
			throw new InvalidInputProblem("invalid-delimiter", "The delimiter is one character (or \"tab\").");
		}
		return value.charAt(0);
	}

}
