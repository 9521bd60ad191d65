package com.penguinmails.inbound.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ResponseStatus;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.inbound.ProviderReconciliations;
import com.penguinmails.inbound.ProviderWebhooks;
import com.penguinmails.shared.Tenancy;

@RestController
@RequestMapping(path = "/api/v1/provider-webhooks", produces = "application/json")
@Tag(name = "Provider webhooks",
		description = "Where Postmark, Mailgun and Amazon SES (through SNS) post delivery, bounce and complaint events")
@SecurityRequirement(name = "apiKey")
class ProviderWebhooksApi {

	/** Mailgun's HTTP webhook signing key. */
	record SigningKey(String signingKey) {
	}

	private final ProviderWebhooks webhooks;

	private final ProviderReconciliations reconciliations;

	private final Tenancy tenancy;

	ProviderWebhooksApi(ProviderWebhooks webhooks, ProviderReconciliations reconciliations, Tenancy tenancy) {
		this.webhooks = webhooks;
		this.reconciliations = reconciliations;
		this.tenancy = tenancy;
	}

	@GetMapping("/reconciliations")
	@Operation(summary = "Each Postmark server's and Mailgun domain's reconciliation: how far its own list of "
			+ "bounces and complaints is read, and the events no webhook had delivered")
	java.util.List<ProviderReconciliations.Reconciliation> reconciliations() {
		return reconciliations.list(tenancy.current());
	}

	@PostMapping("/reconciliations")
	@Operation(summary = "Read every Postmark server's and Mailgun domain's list now and handle what no webhook "
			+ "delivered (admin)")
	ProviderReconciliations.Outcome reconcileNow() {
		return reconciliations.reconcileNow(tenancy.current());
	}

	@GetMapping
	@Operation(summary = "The workspace's webhook URLs for each provider (the Postmark password is never returned)")
	ProviderWebhooks.Endpoints endpoints() {
		return webhooks.endpoints(tenancy.current());
	}

	@GetMapping("/events")
	@Operation(summary = "The latest events the providers posted, newest first, with what became of each")
	java.util.List<ProviderWebhooks.ReceivedEvent> events(
			@org.springframework.web.bind.annotation.RequestParam(defaultValue = "50") int limit) {
		return webhooks.recentEvents(tenancy.current(), limit);
	}

	@PostMapping("/postmark-credentials")
	@Operation(summary = "New HTTP Basic credentials for Postmark's webhooks, shown once; the old ones stop working")
	ProviderWebhooks.PostmarkCredentials postmarkCredentials() {
		return webhooks.newPostmarkCredentials(tenancy.current());
	}

	@PutMapping(path = "/mailgun-signing-key", consumes = "application/json")
	@Operation(summary = "Store Mailgun's HTTP webhook signing key (write-only)")
	@ApiResponse(responseCode = "204", description = "Stored")
	@ApiResponse(responseCode = "400", description = "The key is blank or not one word")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> mailgunSigningKey(@RequestBody SigningKey key) {
		webhooks.setMailgunSigningKey(tenancy.current(), key.signingKey());
		return ResponseEntity.noContent().build();
	}

}
