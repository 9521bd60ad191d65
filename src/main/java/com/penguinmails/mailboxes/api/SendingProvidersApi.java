package com.penguinmails.mailboxes.api;

import java.net.URI;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.mailboxes.NewSendingProvider;
import com.penguinmails.mailboxes.SendingProvider;
import com.penguinmails.mailboxes.SendingProviders;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;

/**
 * The workspace's sending providers (named Postmark, Mailgun or Amazon SES accounts) that
 * sending routes point at, with their health; credentials are write-only.
 */
@RestController
@RequestMapping(path = "/api/v1/sending-providers", produces = "application/json")
@Tag(name = "Sending providers",
		description = "Named Postmark, Mailgun and Amazon SES accounts for sending routes, with their health; "
				+ "credentials are write-only")
@SecurityRequirement(name = "apiKey")
class SendingProvidersApi {

	private final SendingProviders providers;

	private final Tenancy tenancy;

	SendingProvidersApi(SendingProviders providers, Tenancy tenancy) {
		this.providers = providers;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "The providers with their health (healthy, failing, unknown), last error and when it changed")
	CursorPage<SendingProvider> list() {
		return CursorPage.of(providers.providers(tenancy.current()));
	}

	@PostMapping(consumes = "application/json")
	@Operation(summary = "Add a provider; its health is checked at once by the periodic check, or by /check")
	@ApiResponse(responseCode = "201", description = "The provider, without secrets")
	@ApiResponse(responseCode = "400", description = "A missing or invalid provider setting, named")
	@ApiResponse(responseCode = "409", description = "The name is taken")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<SendingProvider> add(@RequestBody NewSendingProvider request) {
		SendingProvider provider = providers.addProvider(tenancy.current(), request);
		return ResponseEntity.created(URI.create("/api/v1/sending-providers/" + provider.id())).body(provider);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One provider with its health, last error and when it changed")
	@ApiResponse(responseCode = "200", description = "The provider, without secrets")
	@ApiResponse(responseCode = "404", description = "Not a provider of the workspace")
	SendingProvider get(@PathVariable UUID id) {
		return providers.provider(tenancy.current(), id);
	}

	@PutMapping(path = "/{id}", consumes = "application/json")
	@Operation(summary = "Change a provider; a blank secret keeps the stored one; the kind is given and cannot change")
	@ApiResponse(responseCode = "200", description = "The provider, without secrets; its health unknown again")
	@ApiResponse(responseCode = "400",
			description = "A missing or invalid provider setting, named; or another kind (kind-changed): add a new provider")
	@ApiResponse(responseCode = "404", description = "Not a provider of the workspace")
	@ApiResponse(responseCode = "409", description = "The name is taken")
	SendingProvider replace(@PathVariable UUID id, @RequestBody NewSendingProvider request) {
		return providers.updateProvider(tenancy.current(), id, request);
	}

	@PostMapping("/{id}/check")
	@Operation(summary = "Check the provider now (its cheapest authenticated API call) and record its health")
	@ApiResponse(responseCode = "200", description = "The provider with its health")
	@ApiResponse(responseCode = "404", description = "Not a provider of the workspace")
	SendingProvider check(@PathVariable UUID id) {
		return providers.check(tenancy.current(), id);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a provider no route uses")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "Not a provider of the workspace")
	@ApiResponse(responseCode = "409", description = "A route uses it")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		providers.deleteProvider(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

}
