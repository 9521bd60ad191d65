package com.penguinmails.crm;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.HubSpotClient;
import com.penguinmails.crm.internal.HubSpotOAuth;
import com.penguinmails.crm.internal.HubSpotTokens;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Connecting HubSpot through its OAuth 2.0 app (RFC 6749 authorization code grant), the
 * other way beside a private app token ({@link HubSpotConnections#connect}): an admin is
 * sent to HubSpot's consent page with a fresh state kept in the session ({@link #start});
 * HubSpot sends the browser back with a code and that state, which {@link #finish} checks
 * (single use, this session, this workspace) before exchanging the code. The access and
 * refresh tokens are stored encrypted with the access token's end and never returned;
 * {@link HubSpotConnections#token} refreshes the access token and disconnecting revokes
 * the refresh token.
 */
@Service
public class HubSpotOAuthConnect {

	private final HubSpotOAuthProperties properties;

	private final HubSpotOAuth oauth;

	private final HubSpotTokens tokens;

	private final CrmRepository repository;

	private final HubSpotConnections connections;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	HubSpotOAuthConnect(HubSpotOAuthProperties properties, HubSpotOAuth oauth, HubSpotTokens tokens,
			CrmRepository repository, HubSpotConnections connections, Clock clock, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.properties = properties;
		this.oauth = oauth;
		this.tokens = tokens;
		this.repository = repository;
		this.connections = connections;
		this.clock = clock;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * Whether this installation has a HubSpot app (client id and secret) to connect with.
	 */
	public boolean offered() {
		return properties.configured();
	}

	/**
	 * A new authorization request for the caller's workspace, to keep in the session.
	 * @throws InvalidInputProblem 409 {@code crm-oauth-not-configured} without a HubSpot
	 * app
	 */
	public HubSpotOAuth.Pending start(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		if (!offered()) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "crm-oauth-not-configured",
					"This installation has no HubSpot app: an administrator sets PENGUINMAILS_CRM_HUBSPOT_CLIENT_ID "
							+ "and _CLIENT_SECRET first (see the README), or paste a private app token.");
		}
		return oauth.start(tenant.workspaceId());
	}

	/** HubSpot's consent page for a pending request. */
	public String authorizationUrl(HubSpotOAuth.Pending pending) {
		return oauth.authorizationUrl(pending);
	}

	/**
	 * Finishes connecting with HubSpot's answer: checks the state against the session's
	 * pending request (RFC 6749 §10.12, against cross-site request forgery), exchanges
	 * the code ({@code POST /oauth/v1/token}), asks which HubSpot account the token
	 * belongs to and keeps both tokens encrypted, replacing any earlier connection (the
	 * import settings stay).
	 * @param pending the session's pending request (null when none: another browser, or
	 * the answer was used already)
	 * @throws InvalidInputProblem 400 {@code crm-oauth-state} for a missing, foreign or
	 * used state, {@code crm-oauth-denied} when the user or HubSpot refused,
	 * {@code crm-oauth-refused} when the code exchange failed
	 */
	public HubSpotConnections.Connection finish(Tenant tenant, HubSpotOAuth.Pending pending, String state, String code,
			String error) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		if (pending == null || !pending.matches(state) || !pending.workspaceId().equals(tenant.workspaceId())) {
			throw new InvalidInputProblem("crm-oauth-state",
					"This answer from HubSpot does not belong to a connection started in this browser session: "
							+ "connect again.");
		}
		if (error != null || code == null || code.isBlank()) {
			throw new InvalidInputProblem("crm-oauth-denied", "access_denied".equals(error)
					? "Access was not granted in HubSpot: nothing was connected."
					: "HubSpot did not grant access (" + (error == null ? "no code" : error) + "): connect again.");
		}
		HubSpotOAuth.Tokens issued;
		String account;
		try {
			issued = oauth.exchange(code);
			if (issued.refreshToken() == null) {
				throw new InvalidInputProblem("crm-oauth-refused",
						"HubSpot gave no refresh token, so imports could not go on after half an hour: connect again.");
			}
			account = oauth.account(issued.accessToken());
		}
		catch (HubSpotOAuth.Refused | HubSpotClient.Failed ex) {
			throw new InvalidInputProblem("crm-oauth-refused",
					"HubSpot refused to complete the connection (" + ex.getMessage() + "): connect again.");
		}
		UUID workspace = tenant.workspaceId();
		Instant now = clock.instant();
		HubSpotTokens.Encrypted encrypted = tokens.encrypt(workspace, HubSpotConnections.CRM, issued);
		transactions.executeWithoutResult(tx -> {
			repository.saveOAuth(workspace, HubSpotConnections.CRM, encrypted.accessToken(), encrypted.refreshToken(),
					now.plusSeconds(issued.expiresIn()), account, now);
			events.publishEvent(
					AuditedAction.by(tenant, "crm.hubspot.connected", "HubSpot with OAuth, account " + account, now));
		});
		return connections.connection(tenant).orElseThrow();
	}

}
