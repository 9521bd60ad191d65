package com.penguinmails.reputation.internal.postmaster;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.reputation.PostmasterConnectionExpired;

import com.penguinmails.shared.Secrets;

/**
 * One pull of one claimed connection: asks the provider for the days since the last pull
 * (the first pull: {@code first-days}; later: {@code again-days}, as providers revise
 * recent days), stores them, and records how it ended. Google: the stored access token is
 * used until it expires or is refused (HTTP 401), then refreshed once; a refresh Google
 * refuses ({@code invalid_grant}) marks the connection {@link ConnectionStatus#EXPIRED}.
 * SNDS: a refused key marks it expired too. Any other failure marks it
 * {@link ConnectionStatus#FAILING} and the next round retries. A connection that becomes
 * expired publishes {@link PostmasterConnectionExpired} (alerts raise it). Never logs a
 * secret.
 */
@Component
public class PostmasterPull {

	private static final Logger log = LoggerFactory.getLogger(PostmasterPull.class);

	/** Message of an expired Google authorization, shown on the page. */
	static final String GOOGLE_EXPIRED = "Google no longer accepts the saved authorization (it expired or was revoked "
			+ "in the Google account): connect the account again.";

	private final ConnectionStore connections;

	private final StatsStore stats;

	private final GoogleOAuth oauth;

	private final GoogleApi google;

	private final SndsApi snds;

	private final Secrets secrets;

	private final PostmasterProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	PostmasterPull(ConnectionStore connections, StatsStore stats, GoogleOAuth oauth, GoogleApi google, SndsApi snds,
			Secrets secrets, PostmasterProperties properties, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager) {
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.connections = connections;
		this.stats = stats;
		this.oauth = oauth;
		this.google = google;
		this.snds = snds;
		this.secrets = secrets;
		this.properties = properties;
	}

	/** What one pull did. */
	public record Outcome(ConnectionStatus status, String message, int days) {
	}

	/** Pulls {@code connection} (claimed by this node) and records the outcome. */
	public Outcome pull(Connection connection, Instant now) {
		Outcome outcome;
		try {
			int days = connection.provider() == Provider.GOOGLE ? pullGoogle(connection, now)
					: pullSnds(connection, now);
			outcome = new Outcome(ConnectionStatus.CONNECTED, null, days);
		}
		catch (Expired ex) {
			outcome = new Outcome(ConnectionStatus.EXPIRED, ex.getMessage(), 0);
		}
		catch (GoogleApi.Unauthorized ex) {
			// Refused again right after a refresh: the grant no longer covers the scope.
			outcome = new Outcome(ConnectionStatus.EXPIRED, GOOGLE_EXPIRED, 0);
		}
		catch (SndsApi.KeyRefused ex) {
			outcome = new Outcome(ConnectionStatus.EXPIRED, ex.getMessage(), 0);
		}
		catch (ProviderFailure ex) {
			outcome = new Outcome(ConnectionStatus.FAILING, ex.getMessage(), 0);
		}
		catch (RuntimeException ex) {
			log.warn("{} pull of workspace {} failed: {}", connection.provider().label(), connection.workspaceId(),
					ex.getClass().getSimpleName());
			outcome = new Outcome(ConnectionStatus.FAILING, connection.provider().label()
					+ " sent an answer PenguinMails could not read; it tries again later.", 0);
		}
		Instant next = outcome.status() == ConnectionStatus.CONNECTED ? now.plus(properties.pullEvery())
				: now.plus(java.time.Duration.ofHours(1));
		Outcome ended = outcome;
		// One transaction: the event is published (and kept by the publication registry)
		// only with the status it announces.
		transactions.executeWithoutResult(tx -> {
			connections.pulled(connection.workspaceId(), connection.provider(), ended.status(), ended.message(), now,
					next);
			if (ended.status() == ConnectionStatus.EXPIRED && connection.status() != ConnectionStatus.EXPIRED) {
				events.publishEvent(new PostmasterConnectionExpired(connection.workspaceId(),
						connection.provider().value(), connection.provider().label(), ended.message()));
			}
		});
		return outcome;
	}

	private int pullGoogle(Connection connection, Instant now) {
		UUID workspaceId = connection.workspaceId();
		LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
		LocalDate from = to
			.minusDays((connection.lastPulledAt() == null ? properties.firstDays() : properties.againDays()) - 1);
		String token = accessToken(connection, now, false);
		java.util.List<String> domains;
		try {
			domains = google.domains(token);
		}
		catch (GoogleApi.Unauthorized ex) {
			token = accessToken(connection, now, true);
			domains = google.domains(token);
		}
		int days = 0;
		for (String domain : domains) {
			for (TrafficStat stat : google.trafficStats(token, domain, from, to)) {
				stats.saveTraffic(workspaceId, stat, now);
				days++;
			}
		}
		return days;
	}

	/**
	 * A valid access token: the stored one unless expired (or refused), else refreshed.
	 */
	private String accessToken(Connection connection, Instant now, boolean refused) {
		UUID workspaceId = connection.workspaceId();
		if (!refused && connection.accessToken() != null && connection.accessExpiresAt() != null
				&& connection.accessExpiresAt().isAfter(now.plusSeconds(60))) {
			return secrets.decrypt(connection.accessToken(), Connection.accessContext(workspaceId));
		}
		String refreshToken = secrets.decrypt(connection.secret(),
				Connection.secretContext(workspaceId, Provider.GOOGLE));
		OAuth2AccessTokenResponse response;
		try {
			response = oauth.refresh(refreshToken, now);
		}
		catch (OAuth2AuthorizationException ex) {
			// RFC 6749 §5.2: invalid_grant = the refresh token is expired or revoked.
			if ("invalid_grant".equals(ex.getError().getErrorCode())
					|| "unauthorized_client".equals(ex.getError().getErrorCode())) {
				throw new Expired(GOOGLE_EXPIRED);
			}
			throw new ProviderFailure("Google's token endpoint failed (" + ex.getError().getErrorCode() + ")");
		}
		String token = response.getAccessToken().getTokenValue();
		Instant expires = response.getAccessToken().getExpiresAt() == null ? now.plusSeconds(3600)
				: response.getAccessToken().getExpiresAt();
		connections.saveAccessToken(workspaceId, secrets.encrypt(token, Connection.accessContext(workspaceId)),
				expires);
		return token;
	}

	private int pullSnds(Connection connection, Instant now) {
		UUID workspaceId = connection.workspaceId();
		String key = secrets.decrypt(connection.secret(), Connection.secretContext(workspaceId, Provider.SNDS));
		int back = connection.lastPulledAt() == null ? Math.min(properties.firstDays(), 90) : properties.againDays();
		LocalDate yesterday = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
		int days = 0;
		for (int i = 0; i < back; i++) {
			for (SndsDay day : snds.data(key, yesterday.minusDays(i))) {
				stats.saveSnds(workspaceId, day, now);
				days++;
			}
		}
		stats.replaceIpStatus(workspaceId, snds.ipStatus(key), now);
		return days;
	}

	/** The provider refused the saved authorization for good. */
	static final class Expired extends RuntimeException {

		Expired(String message) {
			super(message);
		}

	}

}
