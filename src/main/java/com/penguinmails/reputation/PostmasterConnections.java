package com.penguinmails.reputation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.stereotype.Service;

import com.penguinmails.reputation.internal.postmaster.Connection;
import com.penguinmails.reputation.internal.postmaster.ConnectionStatus;
import com.penguinmails.reputation.internal.postmaster.ConnectionStore;
import com.penguinmails.reputation.internal.postmaster.GoogleOAuth;
import com.penguinmails.reputation.internal.postmaster.PostmasterProperties;
import com.penguinmails.reputation.internal.postmaster.PostmasterPull;
import com.penguinmails.reputation.internal.postmaster.Provider;
import com.penguinmails.reputation.internal.postmaster.SndsDay;
import com.penguinmails.reputation.internal.postmaster.SndsIpStatus;
import com.penguinmails.reputation.internal.postmaster.StatsStore;
import com.penguinmails.reputation.internal.postmaster.TrafficStat;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's connections to Google Postmaster Tools (OAuth 2.0, scope
 * {@code postmaster.readonly}) and Microsoft SNDS (an Automated Data Access key), and
 * what their pulls brought. Secrets are encrypted with {@link Secrets} and never
 * returned. Reading needs the viewer role ({@code reputation:read}); connecting and
 * disconnecting the admin role, pulling now the member role ({@code reputation:write}).
 */
@Service
public class PostmasterConnections {

	/**
	 * SNDS keys are GUIDs; anything of letters, digits and dashes up to 64 is accepted.
	 */
	// SNDS's Automated Data Access keys are GUIDs (the "key" parameter of its feed URLs).
	private static final Pattern SNDS_KEY = Pattern
		.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

	private static final Pattern SNDS_URL_KEY = Pattern.compile("[?&]key=([^&#\\s]+)");

	/**
	 * One connection as the page and the API show it (no secret).
	 *
	 * @param provider {@code google} or {@code snds}
	 * @param status {@code connected}, {@code expired} (connect again) or {@code failing}
	 * @param message why it is not connected, in words, or null
	 * @param account what identifies it for the user (SNDS: "key ending in ab12"), or
	 * null
	 */
	public record Status(Provider provider, ConnectionStatus status, String message, String account,
			Instant connectedAt, Instant lastPulledAt, Instant nextPullAt) {
	}

	/**
	 * Both connections of a workspace.
	 *
	 * @param google the Google connection, or null
	 * @param snds the SNDS connection, or null
	 * @param googleAvailable whether this installation has a Google OAuth client
	 * (otherwise connecting Google is not offered)
	 */
	public record Overview(Status google, Status snds, boolean googleAvailable) {
	}

	/**
	 * What the pulls brought over a period.
	 *
	 * @param traffic Postmaster Tools days, newest first
	 * @param snds SNDS days, newest first
	 * @param ipStatus the SNDS IP status feed as last pulled
	 */
	public record Data(List<TrafficStat> traffic, List<SndsDay> snds, List<SndsIpStatus> ipStatus) {
	}

	private final ConnectionStore connections;

	private final StatsStore stats;

	private final GoogleOAuth oauth;

	private final PostmasterPull pull;

	private final PostmasterProperties properties;

	private final Secrets secrets;

	PostmasterConnections(ConnectionStore connections, StatsStore stats, GoogleOAuth oauth, PostmasterPull pull,
			PostmasterProperties properties, Secrets secrets) {
		this.connections = connections;
		this.stats = stats;
		this.oauth = oauth;
		this.pull = pull;
		this.properties = properties;
		this.secrets = secrets;
	}

	public Overview overview(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		UUID workspaceId = tenant.workspaceId();
		return new Overview(status(workspaceId, Provider.GOOGLE), status(workspaceId, Provider.SNDS),
				properties.googleConfigured());
	}

	/** The stored days from {@code from} to {@code to} (UTC, both included). */
	public Data data(Tenant tenant, LocalDate from, LocalDate to) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		return new Data(stats.traffic(tenant.workspaceId(), null, from, to),
				stats.snds(tenant.workspaceId(), null, from, to), stats.ipStatus(tenant.workspaceId()));
	}

	/**
	 * Starts connecting a Google account: the pending request to keep in the user's
	 * session until Google sends the browser back.
	 * @throws InvalidInputProblem 409 when the installation has no Google OAuth client
	 */
	public GoogleOAuth.Pending startGoogle(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "reputation:write");
		if (!properties.googleConfigured()) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "postmaster-google-not-configured",
					"This installation has no Google OAuth client: an administrator sets "
							+ "PENGUINMAILS_POSTMASTER_GOOGLE_CLIENT_ID and _CLIENT_SECRET first (see the README).");
		}
		return oauth.start(tenant.workspaceId());
	}

	/** Google's consent page for a pending request. */
	public String authorizationUrl(GoogleOAuth.Pending pending) {
		return oauth.authorizationUrl(pending);
	}

	/**
	 * Finishes connecting a Google account with Google's answer (RFC 6749 §4.1.2): checks
	 * the state against the session's pending request (§10.12, CSRF), exchanges the code
	 * and keeps the refresh token encrypted.
	 * @throws InvalidInputProblem 400 for a missing or foreign state, a refusal by the
	 * user or by Google, or an answer without a refresh token
	 */
	public void finishGoogle(Tenant tenant, GoogleOAuth.Pending pending, String state, String code, String error,
			Instant now) {
		tenant.require(WorkspaceRole.ADMIN, "reputation:write");
		if (!GoogleOAuth.sameState(pending, state) || !pending.workspaceId().equals(tenant.workspaceId())) {
			throw new InvalidInputProblem("postmaster-oauth-state",
					"This answer from Google does not belong to a connection started in this browser session: "
							+ "connect again.");
		}
		if (error != null || code == null || code.isBlank()) {
			throw new InvalidInputProblem("postmaster-oauth-denied", "access_denied".equals(error)
					? "Access was not granted in Google: nothing was connected."
					: "Google did not grant access (" + (error == null ? "no code" : error) + "): connect again.");
		}
		OAuth2AccessTokenResponse tokens;
		try {
			tokens = oauth.exchange(pending, code);
		}
		catch (OAuth2AuthorizationException ex) {
			throw new InvalidInputProblem("postmaster-oauth-refused",
					"Google refused to complete the connection (" + ex.getError().getErrorCode() + "): connect again.");
		}
		if (tokens.getRefreshToken() == null) {
			throw new InvalidInputProblem("postmaster-oauth-no-refresh-token",
					"Google gave no refresh token, so daily pulls could not run: remove PenguinMails's access in "
							+ "the Google account's security settings and connect again.");
		}
		UUID workspaceId = tenant.workspaceId();
		Instant expires = tokens.getAccessToken().getExpiresAt() == null ? now.plusSeconds(3600)
				: tokens.getAccessToken().getExpiresAt();
		connections.save(workspaceId, Provider.GOOGLE, null,
				secrets.encrypt(tokens.getRefreshToken().getTokenValue(),
						Connection.secretContext(workspaceId, Provider.GOOGLE)),
				secrets.encrypt(tokens.getAccessToken().getTokenValue(), Connection.accessContext(workspaceId)),
				expires, now);
	}

	/**
	 * Connects Microsoft SNDS with an Automated Data Access key (replacing an older one).
	 * @param key the key (a GUID), or the SNDS data feed URL that carries it
	 * @throws InvalidInputProblem 400 when the key is not a key's shape
	 */
	public void connectSnds(Tenant tenant, String key, Instant now) {
		tenant.require(WorkspaceRole.ADMIN, "reputation:write");
		String trimmed = key == null ? "" : key.strip();
		// A pasted feed URL (…/data.aspx?key=…) gives its key.
		java.util.regex.Matcher inUrl = SNDS_URL_KEY.matcher(trimmed);
		if (inUrl.find()) {
			trimmed = inUrl.group(1);
		}
		if (!SNDS_KEY.matcher(trimmed).matches()) {
			throw new InvalidInputProblem("postmaster-snds-key",
					"An SNDS access key is the code shown under Automated Data Access in SNDS: a GUID like "
							+ "1a2b3c4d-0000-0000-0000-000000000000 (or paste the whole data feed URL).");
		}
		UUID workspaceId = tenant.workspaceId();
		connections.save(workspaceId, Provider.SNDS, "key ending in " + trimmed.substring(trimmed.length() - 4),
				secrets.encrypt(trimmed, Connection.secretContext(workspaceId, Provider.SNDS)), null, null, now);
	}

	/**
	 * Disconnects a provider: Google's refresh token is revoked at Google (RFC 7009, best
	 * effort) and the secrets deleted; the figures already pulled stay.
	 * @throws NotFoundProblem when it is not connected
	 */
	public void disconnect(Tenant tenant, Provider provider) {
		tenant.require(WorkspaceRole.ADMIN, "reputation:write");
		UUID workspaceId = tenant.workspaceId();
		Connection connection = connections.find(workspaceId, provider)
			.orElseThrow(() -> new NotFoundProblem(provider.label() + " connection"));
		if (provider == Provider.GOOGLE) {
			oauth.revoke(secrets.decrypt(connection.secret(), Connection.secretContext(workspaceId, provider)));
		}
		connections.delete(workspaceId, provider);
	}

	/**
	 * Pulls a provider now ("sync now"), unless a node is pulling it already.
	 * @throws NotFoundProblem when it is not connected
	 * @throws InvalidInputProblem 409 when it is being pulled, or must be connected again
	 */
	public PostmasterPull.Outcome syncNow(Tenant tenant, Provider provider, Instant now) {
		tenant.require(WorkspaceRole.MEMBER, "reputation:write");
		UUID workspaceId = tenant.workspaceId();
		Connection known = connections.find(workspaceId, provider)
			.orElseThrow(() -> new NotFoundProblem(provider.label() + " connection"));
		if (known.status() == ConnectionStatus.EXPIRED) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "postmaster-expired", known.message());
		}
		Connection claimed = connections.claim(workspaceId, provider, now, properties.lease())
			.orElseThrow(() -> new InvalidInputProblem(HttpStatus.CONFLICT, "postmaster-pull-running",
					provider.label() + " is being pulled right now; its figures show when it ends."));
		return pull.pull(claimed, now);
	}

	/**
	 * The scheduled pull's round: claims up to {@code limit} due connections of all
	 * workspaces (cluster-safe, see {@link ConnectionStore#claimDue}) and pulls them;
	 * returns how many.
	 */
	public int pullDue(Instant now, int limit) {
		List<Connection> due = connections.claimDue(now, properties.lease(), limit);
		for (Connection connection : due) {
			pull.pull(connection, now);
		}
		return due.size();
	}

	private Status status(UUID workspaceId, Provider provider) {
		Optional<Connection> found = connections.find(workspaceId, provider);
		return found
			.map(c -> new Status(provider, c.status(), c.message(), c.account(), c.connectedAt(), c.lastPulledAt(),
					c.nextPullAt()))
			.orElse(null);
	}

}
