package com.penguinmails.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.webhooks.internal.endpoints.EndpointRepository;
import com.penguinmails.webhooks.internal.endpoints.EndpointRepository.Fields;
import com.penguinmails.webhooks.internal.endpoints.EndpointRules;
import com.penguinmails.webhooks.internal.endpoints.SecretKind;
import com.penguinmails.webhooks.internal.delivery.Ed25519Keys;
import com.penguinmails.webhooks.internal.endpoints.SigningKeys;

/**
 * A workspace's webhook endpoints: create, list, change, delete, enable and disable, and
 * their signing secrets (Standard Webhooks). A new secret ({@code whsec_} + base64 of 32
 * random bytes) is returned once, when it is made; afterwards only its hint
 * ({@code whsec_…Ab3x}). Rotating keeps the old secret signing for a while, so receivers
 * can switch without losing events (every live secret signs: one signature each in
 * {@code webhook-signature}). Reading needs the viewer role and {@code webhooks:read};
 * changing needs admin and {@code webhooks:write}. REST hooks ({@link RestHooks}) are
 * endpoints of kind {@code rest_hook}.
 */
@Service
public class WebhookEndpoints {

	/** The longest a rotated-out secret may keep signing, in hours (a week). */
	public static final int MAX_KEEP_HOURS = 168;

	/** How long a rotated-out secret keeps signing unless told otherwise, in hours. */
	public static final int DEFAULT_KEEP_HOURS = 24;

	/**
	 * A new endpoint with its secret, shown this once.
	 *
	 * @param endpoint the endpoint
	 * @param secret its {@code whsec_} secret (HMAC-SHA256, {@code v1})
	 */
	public record Created(WebhookEndpoint endpoint, String secret) {
	}

	/**
	 * A rotation's new secret, shown this once.
	 *
	 * @param endpoint the endpoint after the rotation
	 * @param secret the new {@code whsec_} secret
	 * @param previousExpiresAt until when the previous secrets keep signing
	 */
	public record Rotated(WebhookEndpoint endpoint, String secret, Instant previousExpiresAt) {
	}

	private final EndpointRepository endpoints;

	private final EndpointRules rules;

	private final Clock clock;

	WebhookEndpoints(EndpointRepository endpoints, EndpointRules rules, Clock clock) {
		this.endpoints = endpoints;
		this.rules = rules;
		this.clock = clock;
	}

	/** Every endpoint of the workspace (REST hooks too), oldest first. */
	public List<WebhookEndpoint> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "webhooks:read");
		return endpoints.list(tenant.workspaceId(), null);
	}

	/**
	 * One endpoint.
	 * @throws NotFoundProblem when it is not in the workspace
	 */
	public WebhookEndpoint get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "webhooks:read");
		return find(tenant, id);
	}

	/**
	 * Creates an endpoint and its secret (and an ed25519 key when asked).
	 * @throws InvalidInputProblem bad URL, refused address, unknown type, a filter or
	 * transformation that does not compile, or the workspace's limit reached
	 */
	@Transactional
	public Created create(Tenant tenant, EndpointRequest request) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		return create(tenant, EndpointKind.ENDPOINT, rules.fields(request, null),
				Boolean.TRUE.equals(request.signEd25519()));
	}

	Created create(Tenant tenant, EndpointKind kind, Fields fields, boolean ed25519) {
		int max = rules.settings().maxEndpoints();
		if (endpoints.count(tenant.workspaceId()) >= max) {
			throw new InvalidInputProblem("endpoint-limit", "A workspace may have at most " + max
					+ " webhook endpoints (REST hooks included); delete one you no longer use first.");
		}
		Instant now = now();
		UUID id = UUID.randomUUID();
		endpoints.insert(tenant.workspaceId(), id, kind, fields, tenant.userId(), now);
		String secret = addHmac(id, now);
		if (ed25519) {
			addEd25519(id, now);
		}
		return new Created(find(tenant, id), secret);
	}

	/**
	 * Changes an endpoint: the request's non-null fields. Turning {@code signEd25519} on
	 * makes a key pair; turning it off stops ed25519 signing at once.
	 * @throws NotFoundProblem when it is not in the workspace
	 * @throws InvalidInputProblem as {@link #create}
	 */
	@Transactional
	public WebhookEndpoint update(Tenant tenant, UUID id, EndpointRequest request) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		WebhookEndpoint current = find(tenant, id);
		Fields fields = rules.fields(request, current);
		Instant now = now();
		endpoints.update(tenant.workspaceId(), id, fields, now);
		if (request.signEd25519() != null && request.signEd25519() != current.signEd25519()) {
			if (request.signEd25519()) {
				addEd25519(id, now);
			}
			else {
				endpoints.expire(id, SecretKind.ED25519, now, now);
			}
		}
		return find(tenant, id);
	}

	/**
	 * Deletes an endpoint with its deliveries and their log.
	 * @throws NotFoundProblem when it is not in the workspace
	 */
	@Transactional
	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		if (!endpoints.delete(tenant.workspaceId(), id, null)) {
			throw new NotFoundProblem("Webhook endpoint");
		}
	}

	/**
	 * Enables an endpoint: events are sent again; why it was disabled and since when it
	 * failed are cleared.
	 */
	@Transactional
	public WebhookEndpoint enable(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		find(tenant, id);
		endpoints.setEnabled(tenant.workspaceId(), id, true, null, now());
		return find(tenant, id);
	}

	/** Disables an endpoint by hand: no event is sent to it until it is enabled. */
	@Transactional
	public WebhookEndpoint disable(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		find(tenant, id);
		endpoints.setEnabled(tenant.workspaceId(), id, false, "Disabled by a person.", now());
		return find(tenant, id);
	}

	/**
	 * Makes a new secret (and a new ed25519 key when it signs with one); the previous
	 * ones keep signing for {@code keepHours} hours (0: they stop now).
	 * @param keepHours 0–{@value #MAX_KEEP_HOURS}; null means
	 * {@value #DEFAULT_KEEP_HOURS}
	 * @throws InvalidInputProblem {@code invalid-keep-hours}
	 */
	@Transactional
	public Rotated rotate(Tenant tenant, UUID id, Integer keepHours) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		int hours = keepHours == null ? DEFAULT_KEEP_HOURS : keepHours;
		if (hours < 0 || hours > MAX_KEEP_HOURS) {
			throw new InvalidInputProblem("invalid-keep-hours",
					"Keep the old secret signing for 0 to " + MAX_KEEP_HOURS + " hours.");
		}
		WebhookEndpoint current = find(tenant, id);
		Instant now = now();
		Instant expiresAt = now.plus(Duration.ofHours(hours));
		endpoints.expire(id, null, expiresAt, now);
		String secret = addHmac(id, now);
		if (current.signEd25519()) {
			addEd25519(id, now);
		}
		return new Rotated(find(tenant, id), secret, expiresAt);
	}

	WebhookEndpoint find(Tenant tenant, UUID id) {
		return endpoints.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Webhook endpoint"));
	}

	/** Deletes an endpoint of one kind only; false when there is none. */
	boolean delete(Tenant tenant, UUID id, EndpointKind kind) {
		return endpoints.delete(tenant.workspaceId(), id, kind);
	}

	List<WebhookEndpoint> list(Tenant tenant, EndpointKind kind) {
		return endpoints.list(tenant.workspaceId(), kind);
	}

	EndpointRules rules() {
		return rules;
	}

	private String addHmac(UUID endpointId, Instant now) {
		String secret = SigningKeys.hmacSecret();
		endpoints.addSecret(endpointId, SecretKind.HMAC, secret, null, SigningKeys.hint(secret), now);
		return secret;
	}

	private void addEd25519(UUID endpointId, Instant now) {
		Ed25519Keys.Generated pair = Ed25519Keys.generate();
		endpoints.addSecret(endpointId, SecretKind.ED25519, pair.privatePkcs8Base64(), pair.publicWhpk(), null, now);
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
