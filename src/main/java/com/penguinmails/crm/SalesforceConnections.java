package com.penguinmails.crm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.SalesforceClient;
import com.penguinmails.crm.internal.SalesforceOAuth;
import com.penguinmails.crm.internal.SalesforceRepository;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's Salesforce connection through the installation's connected app: the OAuth
 * 2.0 web server flow (RFC 6749 §4.1 with PKCE, RFC 7636), testing it and disconnecting;
 * the import settings and imports are {@link SalesforceSync}'s.
 * <p>
 * Connecting starts an authorization request whose {@code state} is random, stored only
 * as its SHA-256 with the workspace, the user and the encrypted code verifier, single use
 * and expiring after {@link SalesforceProperties#stateTtl()}. The callback takes it,
 * checks it belongs to the same workspace and user, and exchanges the code; the grant
 * (access token, refresh token, {@code instance_url}) is stored encrypted with
 * {@link Secrets} (context {@code crm:salesforce:<workspace>}) and never returned.
 * <p>
 * Roles: reading needs a viewer ({@code crm:read}); connecting and disconnecting an admin
 * ({@code crm:write}); testing a member ({@code crm:write}).
 */
@Service
public class SalesforceConnections {

	/** The CRM name stored in the tables. */
	public static final String CRM = SalesforceRepository.CRM;

	/** Where Salesforce sends the browser back. */
	public static final String CALLBACK_PATH = "/settings/crm/salesforce/callback";

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * The connection as shown (never the grant).
	 *
	 * @param status {@code connected}, {@code expired} (connect again) or {@code failing}
	 * @param statusLabel the status in words
	 * @param message why it is not connected (Salesforce's words), or null
	 * @param organisation "organisation ending in gPLE"
	 * @param object {@code Contact} or {@code Lead}
	 * @param condition the SOQL WHERE condition, or null for all records
	 * @param targetList the PenguinMails list imported records join
	 * @param fieldMap custom field ({@code Something__c}) → our custom field key
	 * @param schedule {@link ImportSchedule} value
	 */
	public record Connection(String status, String statusLabel, String message, String organisation, String object,
			String condition, String targetList, java.util.Map<String, String> fieldMap, String schedule,
			Instant connectedAt, Instant lastImportAt, Instant nextImportAt) {

		/** Whether Salesforce refused the grant and the workspace must connect again. */
		public boolean needsReconnect() {
			return "expired".equals(status);
		}

	}

	/**
	 * An authorization started: send the user's browser to {@code url} before
	 * {@code expiresAt}; Salesforce sends it back to {@value #CALLBACK_PATH}.
	 */
	public record Authorization(String url, Instant expiresAt) {
	}

	private final CrmRepository repository;

	private final SalesforceRepository salesforceRepository;

	private final SalesforceClient client;

	private final SalesforceOAuth oauth;

	private final SalesforceProperties properties;

	private final Secrets secrets;

	private final ObjectMapper json;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final String redirectUri;

	SalesforceConnections(CrmRepository repository, SalesforceRepository salesforceRepository, SalesforceClient client,
			SalesforceOAuth oauth, SalesforceProperties properties, PenguinMailsProperties application, Secrets secrets,
			ObjectMapper json, Clock clock, ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.repository = repository;
		this.salesforceRepository = salesforceRepository;
		this.client = client;
		this.oauth = oauth;
		this.properties = properties;
		this.secrets = secrets;
		this.json = json;
		this.clock = clock;
		this.events = events;
		this.transactions = transactions;
		String base = application.baseUrl().toString();
		this.redirectUri = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CALLBACK_PATH;
	}

	/**
	 * Whether the installation has a connected app (otherwise Salesforce is not offered).
	 */
	public boolean configured() {
		return properties.configured();
	}

	/** The callback URL to enter in the connected app. */
	public String redirectUri() {
		return redirectUri;
	}

	/** The connection, or empty when the workspace has none. */
	public Optional<Connection> connection(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return repository.connection(tenant.workspaceId(), CRM).map(row -> {
			SalesforceRepository.Source source = salesforceRepository.source(row.workspaceId());
			String label = switch (row.status()) {
				case "connected" -> "Connected";
				case "expired" -> "Connect again";
				default -> "Failing";
			};
			return new Connection(row.status(), label, row.message(), "organisation ending in " + row.tokenHint(),
					source.object(), source.condition(), row.targetList(), row.fieldMap(), row.importEvery(),
					row.connectedAt(), row.lastImportAt(), row.nextImportAt());
		});
	}

	/**
	 * Starts connecting: a fresh state and PKCE verifier kept for
	 * {@link SalesforceProperties#stateTtl()}, and the login server's authorization URL.
	 * @throws InvalidInputProblem 409 {@code crm-salesforce-not-configured} when the
	 * installation has no connected app
	 */
	public Authorization authorize(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		if (!properties.configured()) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "crm-salesforce-not-configured",
					"This installation has no Salesforce connected app: an administrator sets "
							+ "PENGUINMAILS_CRM_SALESFORCE_CLIENT_ID and _CLIENT_SECRET first (see the README).");
		}
		Instant now = clock.instant();
		String state = random();
		String verifier = random();
		Instant expires = now.plus(properties.stateTtl());
		salesforceRepository.deleteExpiredStates(now);
		salesforceRepository.saveState(sha256(state), CRM, tenant.workspaceId(), tenant.userId(),
				secrets.encrypt(verifier, verifierContext(tenant.workspaceId())), expires);
		return new Authorization(oauth.authorizationUrl(redirectUri, state, challenge(verifier)), expires);
	}

	/**
	 * Finishes connecting with Salesforce's answer (RFC 6749 §4.1.2): takes the state
	 * (§10.12; once), checks it was started by this user in this workspace and has not
	 * expired, exchanges the code with the verifier and stores the grant encrypted.
	 * @param error Salesforce's {@code error} when the user or Salesforce refused
	 * @throws InvalidInputProblem {@code crm-oauth-state} for an unknown, used, expired
	 * or foreign state; {@code crm-oauth-denied} when access was not granted;
	 * {@code crm-oauth-refused} when the exchange failed (Salesforce's words);
	 * {@code address-not-allowed} when the org's instance is refused
	 */
	public Connection finish(Tenant tenant, String state, String code, String error, String errorDescription) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		Optional<SalesforceRepository.State> pending = state == null || state.isBlank() ? Optional.empty()
				: salesforceRepository.takeState(sha256(state));
		Instant now = clock.instant();
		if (pending.isEmpty() || !CRM.equals(pending.get().crm())
				|| !pending.get().workspaceId().equals(tenant.workspaceId())
				|| !pending.get().userId().equals(tenant.userId()) || !pending.get().expiresAt().isAfter(now)) {
			throw new InvalidInputProblem("crm-oauth-state", "This answer from Salesforce does not belong to a "
					+ "connection you started in this workspace, was used already or came too late: connect again.");
		}
		if (error != null || code == null || code.isBlank()) {
			throw new InvalidInputProblem("crm-oauth-denied",
					"access_denied".equals(error) ? "Access was not allowed in Salesforce: nothing was connected."
							: "Salesforce did not grant access (" + (error == null ? "no code" : error)
									+ (errorDescription == null ? "" : ": " + errorDescription) + "): connect again.");
		}
		String verifier = secrets.decrypt(pending.get().codeVerifier(), verifierContext(tenant.workspaceId()));
		SalesforceClient.Tokens tokens;
		try {
			tokens = oauth.exchange(code, verifier, redirectUri);
		}
		catch (SalesforceClient.Failed ex) {
			throw new InvalidInputProblem("crm-oauth-refused",
					"Salesforce refused to complete the connection (" + ex.getMessage() + "): connect again.");
		}
		UUID workspace = tenant.workspaceId();
		String hint = organisationHint(tokens.identity());
		transactions.executeWithoutResult(tx -> {
			repository.saveToken(workspace, CRM, encrypt(workspace, tokens), hint, now);
			salesforceRepository.initialise(workspace);
			events.publishEvent(AuditedAction.by(tenant, "crm.salesforce.connected",
					"Salesforce, organisation ending in " + hint, now));
		});
		return connection(tenant).orElseThrow();
	}

	/**
	 * Calls {@code GET /services/data/{version}/limits} and says the result in words,
	 * with the daily API requests left; a refused grant marks the connection
	 * {@code expired}.
	 * @throws NotFoundProblem when not connected
	 */
	public HubSpotConnections.TestResult test(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = row(tenant);
		SalesforceClient.Session session;
		try {
			session = session(row);
		}
		catch (IllegalStateException ex) {
			return new HubSpotConnections.TestResult(false,
					"The stored grant cannot be read (was the master key changed?): connect again.");
		}
		try {
			JsonNode limits = client.limits(session);
			JsonNode daily = limits.path("DailyApiRequests");
			repository.markStatus(tenant.workspaceId(), CRM, "connected", null);
			return new HubSpotConnections.TestResult(true,
					"Connected: Salesforce answered" + (daily.has("Remaining") ? ", " + daily.path("Remaining").asLong()
							+ " of " + daily.path("Max").asLong() + " daily API requests left." : "."));
		}
		catch (SalesforceClient.Unauthorized ex) {
			repository.markStatus(tenant.workspaceId(), CRM, "expired", ex.getMessage());
			return new HubSpotConnections.TestResult(false, ex.getMessage());
		}
		catch (SalesforceClient.Failed | InvalidInputProblem ex) {
			return new HubSpotConnections.TestResult(false, ex.getMessage());
		}
	}

	/**
	 * Revokes the grant at Salesforce (best effort) and forgets it; the contacts and
	 * their record ids stay.
	 * @throws NotFoundProblem when not connected
	 */
	public void disconnect(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		CrmRepository.ConnectionRow row = row(tenant);
		try {
			SalesforceClient.Tokens tokens = tokens(row);
			oauth.revoke(tokens.refreshToken());
		}
		catch (IllegalStateException ex) {
			// Unreadable with this master key: nothing to revoke from here.
		}
		transactions.executeWithoutResult(tx -> {
			if (!repository.delete(tenant.workspaceId(), CRM)) {
				throw new NotFoundProblem("Salesforce connection");
			}
			events.publishEvent(AuditedAction.by(tenant, "crm.salesforce.disconnected", "Salesforce", clock.instant()));
		});
	}

	/**
	 * The workspace's connection row.
	 * @throws NotFoundProblem when not connected
	 */
	CrmRepository.ConnectionRow row(Tenant tenant) {
		return repository.connection(tenant.workspaceId(), CRM)
			.orElseThrow(() -> new NotFoundProblem("Salesforce connection"));
	}

	/**
	 * A session with the stored grant; a refreshed grant is stored again.
	 * @throws IllegalStateException when the grant cannot be decrypted
	 */
	SalesforceClient.Session session(CrmRepository.ConnectionRow row) {
		UUID workspace = row.workspaceId();
		return new SalesforceClient.Session(tokens(row),
				refreshed -> salesforceRepository.replaceToken(workspace, encrypt(workspace, refreshed)));
	}

	private SalesforceClient.Tokens tokens(CrmRepository.ConnectionRow row) {
		String text = secrets.decrypt(row.token(), context(row.workspaceId()));
		try {
			return json.readValue(text, SalesforceClient.Tokens.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("The stored Salesforce grant is not readable", ex);
		}
	}

	private byte[] encrypt(UUID workspace, SalesforceClient.Tokens tokens) {
		try {
			return secrets.encrypt(json.writeValueAsString(tokens), context(workspace));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The last four characters of the org id in the identity URL
	 * ({@code …/id/<org>/<user>}).
	 */
	private static String organisationHint(String identity) {
		if (identity == null) {
			return "?";
		}
		String[] parts = identity.split("/");
		String org = parts.length >= 2 ? parts[parts.length - 2] : "";
		return org.length() >= 4 && org.matches("[A-Za-z0-9]+") ? org.substring(org.length() - 4) : "?";
	}

	private static String context(UUID workspace) {
		return "crm:" + CRM + ":" + workspace;
	}

	private static String verifierContext(UUID workspace) {
		return "crm:" + CRM + ":pkce:" + workspace;
	}

	private static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// RFC 7636 §4.2: code_challenge = BASE64URL(SHA256(ASCII(code_verifier)))
	static String challenge(String verifier) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
	}

}
