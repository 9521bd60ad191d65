package com.penguinmails.domains.api;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

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

import com.penguinmails.domains.BlocklistResult;
import com.penguinmails.domains.DkimKeyInfo;
import com.penguinmails.domains.DmarcAlignment;
import com.penguinmails.domains.DnsTemplate;
import com.penguinmails.domains.DnsTemplates;
import com.penguinmails.domains.DnsUpdateSettings;
import com.penguinmails.domains.Domain;
import com.penguinmails.domains.DomainClaim;
import com.penguinmails.domains.DomainClaims;
import com.penguinmails.domains.DomainImport;
import com.penguinmails.domains.DomainHealth;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.Domains.Verification;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.domains.Propagation;
import com.penguinmails.domains.RecordCheck;
import com.penguinmails.domains.SpfEvaluation;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenancy;

@RestController
@RequestMapping(path = "/api/v1/domains", produces = "application/json")
@Tag(name = "Domains", description = "Sending domains, their DNS records and verification")
@SecurityRequirement(name = "apiKey")
class DomainsApi {

	record AddDomain(@NotBlank String name, boolean receivesMail, String mxHosts, String spfMechanisms,
			String template) {
	}

	record Records(List<RecordCheck> records, String zone) {
	}

	private final Domains domains;

	private final DomainImport imports;

	private final DomainClaims claims;

	private final DnsTemplates templates;

	private final Tenancy tenancy;

	DomainsApi(Domains domains, DomainImport imports, DomainClaims claims, DnsTemplates templates, Tenancy tenancy) {
		this.templates = templates;
		this.domains = domains;
		this.imports = imports;
		this.claims = claims;
		this.tenancy = tenancy;
	}

	@GetMapping
	CursorPage<Domain> list() {
		return CursorPage.of(domains.list(tenancy.current()));
	}

	@PostMapping
	@ApiResponse(responseCode = "409", description = "The domain is held by a workspace (claim it with a TXT record)")
	@Operation(summary = "Add a domain or subdomain; a 2048-bit DKIM key is generated for it")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Domain> add(@Valid @RequestBody AddDomain request) {
		var tenant = tenancy.current();
		NewDomain newDomain = new NewDomain(request.name(), request.receivesMail(), request.mxHosts(),
				request.spfMechanisms());
		if (request.template() != null && !request.template().isBlank()) {
			newDomain = templates.findByName(tenant, request.template())
				.orElseThrow(() -> new NotFoundProblem("DNS template"))
				.applyTo(newDomain);
		}
		Domain domain = domains.add(tenant, newDomain);
		return ResponseEntity.created(URI.create("/api/v1/domains/" + domain.id())).body(domain);
	}

	@PostMapping(path = "/import", consumes = { "text/csv", "text/plain" })
	@Operation(summary = "Add many domains from a CSV (name, receives_mail, mx_hosts, spf_mechanisms); "
			+ "each row is reported with its line number")
	DomainImport.Result importCsv(@RequestBody String csv) {
		// A UTF-8 byte order mark (Excel writes one) is not part of the first name.
		String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
		return imports.importCsv(tenancy.current(), new StringReader(text), new NewDomain("", false, "", ""));
	}

	@PostMapping(path = "/import", consumes = "multipart/form-data")
	DomainImport.Result importFile(@RequestParam("file") MultipartFile file) throws IOException {
		return importCsv(new String(file.getBytes(), StandardCharsets.UTF_8));
	}

	@GetMapping("/templates")
	CursorPage<DnsTemplate> templates() {
		return CursorPage.of(templates.list(tenancy.current()));
	}

	@PostMapping("/templates")
	@ApiResponse(responseCode = "409", description = "A DNS template with that name exists")
	@Operation(summary = "A reusable DNS template (SPF mechanisms, MX hosts) for new domains, applied by name")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<DnsTemplate> createTemplate(@RequestBody DnsTemplate template) {
		DnsTemplate created = templates.create(tenancy.current(), template);
		return ResponseEntity.created(URI.create("/api/v1/domains/templates/" + created.id())).body(created);
	}

	@DeleteMapping("/templates/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> deleteTemplate(@PathVariable UUID id) {
		templates.delete(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	record ClaimRequest(@NotBlank String name) {
	}

	@PostMapping("/claims")
	@Operation(summary = "Claim a domain another workspace holds: publish the returned TXT record, then verify")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<DomainClaim> claim(@Valid @RequestBody ClaimRequest request) {
		DomainClaim claim = claims.start(tenancy.current(), request.name());
		return ResponseEntity.created(URI.create("/api/v1/domains/claims/" + claim.id())).body(claim);
	}

	@GetMapping("/claims")
	CursorPage<DomainClaim> claims() {
		return CursorPage.of(claims.list(tenancy.current()));
	}

	@PostMapping("/claims/{id}/verify")
	@ApiResponse(responseCode = "409", description = "The claim is complete, or its TXT record is not found yet")
	@Operation(
			summary = "When the claim's TXT record shows in DNS, the domain moves to this workspace with a new DKIM key")
	@ResponseStatus(HttpStatus.OK)
	Domain verifyClaim(@PathVariable UUID id) {
		return claims.verify(tenancy.current(), id);
	}

	@GetMapping("/{id}")
	Domain get(@PathVariable UUID id) {
		return domains.get(tenancy.current(), id);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		domains.delete(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/records")
	@Operation(summary = "The records to publish, checked against DNS now, and the same as a BIND zone snippet")
	Records records(@PathVariable UUID id) {
		List<RecordCheck> records = domains.records(tenancy.current(), id);
		return new Records(records, domains.zoneSnippet(records));
	}

	@PostMapping("/{id}/verify")
	@Operation(summary = "Verify every record against DNS and store the result")
	Verification verify(@PathVariable UUID id) {
		return domains.verify(tenancy.current(), id);
	}

	@GetMapping("/{id}/blocklists")
	@Operation(summary = "The last blocklist answers for the domain and its sending IPs")
	List<BlocklistResult> blocklists(@PathVariable UUID id) {
		return domains.lastBlocklists(tenancy.current(), id);
	}

	@PostMapping("/{id}/blocklists")
	@Operation(summary = "Look the domain and its sending IPs up in every blocklist now")
	List<BlocklistResult> checkBlocklists(@PathVariable UUID id) {
		return domains.checkBlocklists(tenancy.current(), id);
	}

	@GetMapping("/{id}/propagation")
	@Operation(summary = "Each record as every public resolver of the propagation check sees it, with the TTL left")
	Propagation propagation(@PathVariable UUID id) {
		return domains.propagation(tenancy.current(), id);
	}

	@PutMapping("/{id}/dns-update")
	@Operation(summary = "Let PenguinMails publish the records itself (RFC 2136 UPDATE signed with TSIG); "
			+ "the secret is stored encrypted and never returned")
	DnsUpdateSettings configureDnsUpdate(@PathVariable UUID id, @RequestBody DnsUpdateSettings settings) {
		domains.configureDnsUpdate(tenancy.current(), id, settings);
		return domains.dnsUpdate(tenancy.current(), id).orElseThrow();
	}

	@PostMapping("/{id}/publish")
	@ApiResponse(responseCode = "502", description = "The DNS server refused or failed the update")
	@Operation(summary = "Publish the records with a dynamic update, then verify them")
	@ResponseStatus(HttpStatus.OK)
	Verification publish(@PathVariable UUID id) {
		return domains.publish(tenancy.current(), id);
	}

	@GetMapping("/{id}/dkim-keys")
	List<DkimKeyInfo> keys(@PathVariable UUID id) {
		return domains.keys(tenancy.current(), id);
	}

	@PostMapping("/{id}/dkim-keys/rotate")
	@ApiResponse(responseCode = "409", description = "A rotation is already pending")
	@Operation(summary = "Start a DKIM key rotation: publish the new selector's record, then verify")
	@ResponseStatus(HttpStatus.OK)
	List<DkimKeyInfo> rotate(@PathVariable UUID id) {
		domains.rotateKey(tenancy.current(), id);
		return domains.keys(tenancy.current(), id);
	}

	record SenderCheck(@NotBlank String host) {
	}

	@PostMapping("/{id}/spf-check")
	@Operation(summary = "Is this sending host (name or IP) authorised by the domain's SPF, includes followed?")
	SpfEvaluation checkSender(@PathVariable UUID id, @Valid @RequestBody SenderCheck check) {
		return domains.checkSender(tenancy.current(), id, check.host());
	}

	record AlignmentCheck(String dkimDomain, String spfDomain) {
	}

	@PostMapping("/{id}/alignment")
	@Operation(summary = "DMARC alignment of this From domain with a DKIM d= and an SPF (envelope) domain, "
			+ "under the published adkim/aspf")
	DmarcAlignment alignment(@PathVariable UUID id, @RequestBody AlignmentCheck check) {
		return domains.alignment(tenancy.current(), id, check.dkimDomain(), check.spfDomain());
	}

	@GetMapping("/{id}/health")
	DomainHealth health(@PathVariable UUID id) {
		return domains.health(tenancy.current(), id);
	}

}
