package com.penguinmails.crm.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.shared.Secrets;

/**
 * The access token of a HubSpot connection, whichever kind it is: a private app token as
 * stored, or an OAuth app's access token, refreshed (RFC 6749 §6) when it ends within
 * {@link #MARGIN} and once after a 401.
 * <p>
 * Cluster-safe: a refresh runs with the connection's row locked
 * ({@code SELECT … FOR UPDATE}) and first re-reads it, so when two nodes refresh at once
 * the second finds the first one's new token and uses it instead of refreshing with a
 * refresh token that may no longer be the newest. HubSpot refusing the refresh token
 * ({@code BAD_REFRESH_TOKEN}) marks the connection {@code expired} ("Connect again") with
 * HubSpot's words. Both tokens are encrypted with {@link Secrets}: the access token in
 * the context {@code crm:<crm>:<workspace>} (as a private app token), the refresh token
 * in {@code crm:<crm>:refresh:<workspace>}.
 */
@Component
public class HubSpotTokens {

	/** An access token ending within this is refreshed before it is used. */
	public static final Duration MARGIN = Duration.ofMinutes(1);

	private final CrmRepository repository;

	private final HubSpotOAuth oauth;

	private final Secrets secrets;

	private final Clock clock;

	private final TransactionTemplate transactions;

	HubSpotTokens(CrmRepository repository, HubSpotOAuth oauth, Secrets secrets, Clock clock,
			TransactionTemplate transactions) {
		this.repository = repository;
		this.oauth = oauth;
		this.secrets = secrets;
		this.clock = clock;
		this.transactions = transactions;
	}

	/**
	 * A valid access token for the connection (read again from the database, so a token
	 * another node refreshed is used).
	 * @throws HubSpotClient.Unauthorized when HubSpot refused the refresh (the connection
	 * is marked expired); {@link HubSpotClient.Failed} when HubSpot could not refresh it
	 * now; {@link IllegalStateException} when a token cannot be decrypted
	 */
	public String access(CrmRepository.ConnectionRow row) {
		CrmRepository.ConnectionRow current = row.oauth()
				? repository.connection(row.workspaceId(), row.crm()).orElse(row) : row;
		if (!current.oauth()) {
			return secrets.decrypt(current.token(), accessContext(current.workspaceId(), current.crm()));
		}
		if (current.accessExpiresAt() == null || !current.accessExpiresAt().isAfter(clock.instant().plus(MARGIN))) {
			return refresh(current.workspaceId(), current.crm(), null);
		}
		return secrets.decrypt(current.token(), accessContext(current.workspaceId(), current.crm()));
	}

	/**
	 * The access token to try again with after HubSpot answered 401 to {@code refused}: a
	 * refreshed one for an OAuth connection (or the one another node refreshed
	 * meanwhile); a private app token cannot be refreshed, so {@code unauthorized} is
	 * thrown again.
	 * @throws HubSpotClient.Unauthorized as {@link #access}
	 */
	public String afterUnauthorized(CrmRepository.ConnectionRow row, String refused,
			HubSpotClient.Unauthorized unauthorized) {
		if (!row.oauth()) {
			throw unauthorized;
		}
		return refresh(row.workspaceId(), row.crm(), refused);
	}

	/**
	 * Calls HubSpot with a valid access token and, after a 401, once more with a
	 * refreshed one (OAuth); a second 401 is thrown.
	 */
	public <T> T call(CrmRepository.ConnectionRow row, Function<String, T> call) {
		String token = access(row);
		try {
			return call.apply(token);
		}
		catch (HubSpotClient.Unauthorized ex) {
			return call.apply(afterUnauthorized(row, token, ex));
		}
	}

	/** An OAuth app's tokens encrypted with {@link Secrets}, as stored. */
	public record Encrypted(byte[] accessToken, byte[] refreshToken) {
	}

	/** The outcome of a refresh: the access token, or why HubSpot refused. */
	private record Refreshed(String accessToken, String refusal) {
	}

	/** Encrypts an OAuth app's tokens for {@link CrmRepository#saveOAuth}. */
	public Encrypted encrypt(UUID workspaceId, String crm, HubSpotOAuth.Tokens tokens) {
		return new Encrypted(secrets.encrypt(tokens.accessToken(), accessContext(workspaceId, crm)),
				secrets.encrypt(tokens.refreshToken(), refreshContext(workspaceId, crm)));
	}

	/**
	 * Revokes an OAuth connection's refresh token at HubSpot; nothing for a private app
	 * token.
	 * @return HubSpot's words when the revocation failed (the caller forgets the tokens
	 * anyway), or empty
	 */
	public Optional<String> revoke(CrmRepository.ConnectionRow row) {
		if (!row.oauth() || row.refreshToken() == null) {
			return Optional.empty();
		}
		try {
			oauth.revoke(secrets.decrypt(row.refreshToken(), refreshContext(row.workspaceId(), row.crm())));
			return Optional.empty();
		}
		catch (HubSpotClient.Failed | IllegalStateException ex) {
			return Optional.of(ex.getMessage());
		}
	}

	/**
	 * Refreshes under the row lock. {@code refused} is the access token HubSpot just
	 * answered 401 to, or null when the token ends soon.
	 */
	private String refresh(UUID workspaceId, String crm, String refused) {
		Refreshed outcome = transactions.execute(tx -> {
			CrmRepository.ConnectionRow locked = repository.lockConnection(workspaceId, crm)
				.orElseThrow(() -> new HubSpotClient.Failed(0, "HubSpot was disconnected meanwhile."));
			String current = secrets.decrypt(locked.token(), accessContext(workspaceId, crm));
			if (!locked.oauth()) {
				return new Refreshed(current, null);
			}
			Instant now = clock.instant();
			boolean fresh = locked.accessExpiresAt() != null && locked.accessExpiresAt().isAfter(now.plus(MARGIN));
			if (fresh && !current.equals(refused)) {
				// Another node (or thread) refreshed while this one waited for the lock.
				return new Refreshed(current, null);
			}
			String refreshToken = secrets.decrypt(locked.refreshToken(), refreshContext(workspaceId, crm));
			HubSpotOAuth.Tokens tokens;
			try {
				tokens = oauth.refresh(refreshToken);
			}
			catch (HubSpotOAuth.Refused ex) {
				String message = "HubSpot refused to refresh the access token (" + ex.getMessage()
						+ "): the app was uninstalled or its access revoked. Connect again with HubSpot.";
				repository.markStatus(workspaceId, crm, "expired", message);
				return new Refreshed(null, message);
			}
			Encrypted encrypted = encrypt(workspaceId, crm, tokens);
			repository.saveRefreshed(workspaceId, crm, encrypted.accessToken(), encrypted.refreshToken(),
					now.plusSeconds(tokens.expiresIn()));
			return new Refreshed(tokens.accessToken(), null);
		});
		if (outcome.refusal() != null) {
			throw new HubSpotClient.Unauthorized(outcome.refusal());
		}
		return outcome.accessToken();
	}

	/** The Secrets context of the access (or private app) token. */
	public static String accessContext(UUID workspaceId, String crm) {
		return "crm:" + crm + ":" + workspaceId;
	}

	private static String refreshContext(UUID workspaceId, String crm) {
		return "crm:" + crm + ":refresh:" + workspaceId;
	}

}
