package com.penguinmails.crm;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.HubSpotClient;
import com.penguinmails.crm.internal.HubSpotImporter;
import com.penguinmails.crm.internal.HubSpotTokens;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's HubSpot connection: its private app token, testing it, the import
 * settings and disconnecting. Imports are {@link HubSpotSync}'s.
 * <p>
 * Connecting stores a private app token encrypted with {@link Secrets} (context
 * {@code crm:hubspot:<workspace>}); it is never returned, only its last four characters.
 * A 401 from HubSpot marks the connection {@code expired} ("Connect again") with
 * HubSpot's reason. A connection can also be an OAuth app's
 * ({@link HubSpotOAuthConnect}): {@link #token} then gives an access token refreshed when
 * needed, and disconnecting revokes the refresh token.
 * <p>
 * Roles: reading needs a viewer ({@code crm:read}); connecting, the settings and
 * disconnecting an admin ({@code crm:write}); testing a member ({@code crm:write}).
 */
@Service
public class HubSpotConnections {

	/** The CRM name stored in the tables. */
	public static final String CRM = "hubspot";

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-.:]{10,300}");

	private static final Pattern PROPERTY = Pattern.compile("[a-z0-9_]{1,100}");

	private static final Pattern FIELD = Pattern.compile("[a-z0-9_]{1,64}");

	private static final Pattern LIST_ID = Pattern.compile("[0-9]{1,20}");

	/**
	 * The connection as shown (never the token).
	 *
	 * @param status {@code connected}, {@code expired} (connect again) or {@code failing}
	 * @param statusLabel the status in words
	 * @param message why it is not connected (HubSpot's words), or null
	 * @param token "token ending in ab12", or "OAuth, HubSpot account 62515" for an OAuth
	 * app
	 * @param targetList the PenguinMails list imported contacts join
	 * @param sourceListId the HubSpot list imported (its ILS list id), or null for all
	 * contacts
	 * @param fieldMap HubSpot property → our custom field, for properties beyond the
	 * standard ones
	 * @param schedule {@link ImportSchedule} value
	 * @param kind {@code token} (a private app token) or {@code oauth} (HubSpot's OAuth
	 * app, refreshed and revocable)
	 * @param account the HubSpot account (hub id and domain) an OAuth app was installed
	 * in, or null
	 */
	public record Connection(String status, String statusLabel, String message, String token, String targetList,
			String sourceListId, Map<String, String> fieldMap, String schedule, Instant connectedAt,
			Instant lastImportAt, Instant nextImportAt, String kind, String account) {

		/** Whether HubSpot's OAuth app connects the workspace. */
		public boolean oauth() {
			return "oauth".equals(kind);
		}

		/** Whether HubSpot refused the token and a new one is needed. */
		public boolean needsReconnect() {
			return "expired".equals(status);
		}

	}

	/**
	 * The import settings.
	 *
	 * @param targetList the PenguinMails list (created when missing), 1 to 200 characters
	 * @param sourceListId a HubSpot list id (digits), or blank for all contacts
	 * @param fieldMap HubSpot property (lower-case internal name) → custom field key
	 * ({@code [a-z0-9_]}), at most 50
	 * @param schedule {@link ImportSchedule} value
	 */
	public record Settings(String targetList, String sourceListId, Map<String, String> fieldMap, String schedule) {
	}

	/**
	 * The answer of "Test the connection".
	 *
	 * @param ok whether HubSpot answered 200 to
	 * {@code GET /crm/v3/objects/contacts?limit=1}
	 * @param message the result in words
	 */
	public record TestResult(boolean ok, String message) {
	}

	private final CrmRepository repository;

	private final HubSpotClient hubspot;

	private final Secrets secrets;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final HubSpotTokens tokens;

	HubSpotConnections(CrmRepository repository, HubSpotClient hubspot, Secrets secrets, Clock clock,
			ApplicationEventPublisher events, TransactionTemplate transactions, HubSpotTokens tokens) {
		this.tokens = tokens;
		this.repository = repository;
		this.hubspot = hubspot;
		this.secrets = secrets;
		this.clock = clock;
		this.events = events;
		this.transactions = transactions;
	}

	/** The connection, or empty when the workspace has none. */
	public Optional<Connection> connection(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return repository.connection(tenant.workspaceId(), CRM).map(this::view);
	}

	/**
	 * Stores (or replaces) the private app token after HubSpot accepted it. When HubSpot
	 * does not answer (no connection, 429 or 5xx after the retries) the token is kept
	 * with the status {@code failing} and HubSpot's words.
	 * @throws InvalidInputProblem {@code crm-token} for a malformed token or one HubSpot
	 * refuses (401, 403 or another 4xx; its words in the message)
	 */
	public Connection connect(Tenant tenant, String token) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		String trimmed = token == null ? "" : token.strip();
		if (!TOKEN.matcher(trimmed).matches()) {
			throw new InvalidInputProblem("crm-token",
					"Paste the private app's access token (it starts with pat-), from HubSpot's Settings → Integrations → Private Apps.");
		}
		String unanswered = null;
		try {
			hubspot.check(trimmed);
		}
		catch (HubSpotClient.Unauthorized ex) {
			throw new InvalidInputProblem("crm-token", ex.getMessage());
		}
		catch (HubSpotClient.Failed ex) {
			if (ex.status() != 0 && ex.status() != 429 && ex.status() < 500) {
				throw new InvalidInputProblem("crm-token", ex.getMessage());
			}
			// HubSpot did not answer: the token is kept, "failing" until a test or an
			// import gets through.
			unanswered = ex.getMessage();
		}
		UUID workspace = tenant.workspaceId();
		String failing = unanswered;
		transactions.executeWithoutResult(tx -> {
			repository.saveToken(workspace, CRM, secrets.encrypt(trimmed, context(workspace)),
					trimmed.substring(trimmed.length() - 4), clock.instant());
			if (failing != null) {
				repository.markStatus(workspace, CRM, "failing", failing);
			}
			events.publishEvent(AuditedAction.by(tenant, "crm.hubspot.connected",
					"HubSpot, token ending in " + trimmed.substring(trimmed.length() - 4), clock.instant()));
		});
		return connection(tenant).orElseThrow();
	}

	/**
	 * Calls {@code GET /crm/v3/objects/contacts?limit=1} with the stored token and says
	 * the result in words; a 401 marks the connection {@code expired}.
	 * @throws NotFoundProblem when not connected
	 */
	public TestResult test(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = row(tenant);
		try {
			withToken(row, token -> {
				hubspot.check(token);
				return true;
			});
			repository.markStatus(tenant.workspaceId(), CRM, "connected", null);
			return new TestResult(true, "Connected: HubSpot accepted the token and it can read contacts.");
		}
		catch (HubSpotClient.Unauthorized ex) {
			repository.markStatus(tenant.workspaceId(), CRM, "expired", ex.getMessage());
			return new TestResult(false, ex.getMessage());
		}
		catch (HubSpotClient.Failed ex) {
			return new TestResult(false, ex.getMessage());
		}
		catch (IllegalStateException ex) {
			return new TestResult(false,
					"The stored token cannot be read (was the master key changed?): connect again.");
		}
	}

	/**
	 * Saves the import settings; a schedule other than off starts one period from now.
	 * @throws InvalidInputProblem {@code crm-settings} naming the value that does not
	 * fit, {@code crm-schedule}
	 */
	public Connection saveSettings(Tenant tenant, Settings settings) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		row(tenant);
		String target = settings.targetList() == null ? "" : settings.targetList().strip();
		if (target.isEmpty() || target.length() > 200) {
			throw new InvalidInputProblem("crm-settings", "Name the list contacts join (1 to 200 characters).");
		}
		String source = settings.sourceListId() == null || settings.sourceListId().isBlank() ? null
				: settings.sourceListId().strip();
		if (source != null && !LIST_ID.matcher(source).matches()) {
			throw new InvalidInputProblem("crm-settings",
					"The HubSpot list id is the number in the list's address (…/objectLists/123), or blank for all contacts.");
		}
		Map<String, String> map = new LinkedHashMap<>();
		Map<String, String> given = settings.fieldMap() == null ? Map.of() : settings.fieldMap();
		if (given.size() > 50) {
			throw new InvalidInputProblem("crm-settings", "At most 50 mapped properties.");
		}
		given.forEach((property, field) -> {
			String p = property == null ? "" : property.strip().toLowerCase(Locale.ROOT);
			String f = field == null ? "" : field.strip().toLowerCase(Locale.ROOT);
			if (!PROPERTY.matcher(p).matches() || !FIELD.matcher(f).matches()) {
				throw new InvalidInputProblem("crm-settings", "Map a HubSpot property's internal name (e.g. "
						+ "industry) to a custom field key (letters, digits and _): " + property + " → " + field);
			}
			map.put(p, f);
		});
		ImportSchedule schedule = ImportSchedule.of(settings.schedule() == null ? "off" : settings.schedule());
		Instant next = schedule.every() == null ? null : clock.instant().plus(schedule.every());
		repository.saveSettings(tenant.workspaceId(), CRM, target, source, map, schedule.value(), next);
		return connection(tenant).orElseThrow();
	}

	/**
	 * Forgets the token (the contacts and their links stay). An OAuth app's refresh token
	 * is revoked at HubSpot first ({@code DELETE /oauth/v1/refresh-tokens/{token}}); when
	 * that fails the tokens are forgotten anyway and the answer says so.
	 * @return what happened, in words
	 * @throws NotFoundProblem when not connected
	 */
	public String disconnect(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		CrmRepository.ConnectionRow row = row(tenant);
		Optional<String> revokeFailed = tokens.revoke(row);
		transactions.executeWithoutResult(tx -> {
			if (!repository.delete(tenant.workspaceId(), CRM)) {
				throw new NotFoundProblem("HubSpot connection");
			}
			events.publishEvent(AuditedAction.by(tenant, "crm.hubspot.disconnected", "HubSpot", clock.instant()));
		});
		if (revokeFailed.isPresent()) {
			return "HubSpot disconnected and its tokens forgotten here, but HubSpot did not revoke the access ("
					+ revokeFailed.get() + "): uninstall the app in HubSpot's Connected apps to be sure.";
		}
		return row.oauth() ? "HubSpot disconnected: its access was revoked; the contacts imported stay."
				: "HubSpot disconnected; the contacts imported stay.";
	}

	/**
	 * The workspace's connection row.
	 * @throws NotFoundProblem when not connected
	 */
	CrmRepository.ConnectionRow row(Tenant tenant) {
		return repository.connection(tenant.workspaceId(), CRM)
			.orElseThrow(() -> new NotFoundProblem("HubSpot connection"));
	}

	/**
	 * A valid access token, whichever the kind of connection: the private app token, or
	 * the OAuth app's access token (refreshed first when it ends within a minute).
	 * @throws IllegalStateException when it cannot be decrypted (another master key)
	 * @throws HubSpotClient.Unauthorized when HubSpot refused to refresh it (the
	 * connection is then {@code expired})
	 */
	String token(CrmRepository.ConnectionRow row) {
		return tokens.access(row);
	}

	/**
	 * Calls HubSpot with {@link #token}, and after a 401 once more with a refreshed
	 * access token (an OAuth app's; a private app token's 401 is thrown).
	 */
	<T> T withToken(CrmRepository.ConnectionRow row, Function<String, T> call) {
		return tokens.call(row, call);
	}

	/** What the importer calls HubSpot with: {@link #token}, refreshed after a 401. */
	HubSpotImporter.AccessTokens accessTokens(CrmRepository.ConnectionRow row) {
		return new HubSpotImporter.AccessTokens() {

			@Override
			public String current() {
				return token(row);
			}

			@Override
			public String afterUnauthorized(String refused, HubSpotClient.Unauthorized unauthorized) {
				return tokens.afterUnauthorized(row, refused, unauthorized);
			}

		};
	}

	private static String context(UUID workspace) {
		return HubSpotTokens.accessContext(workspace, CRM);
	}

	private Connection view(CrmRepository.ConnectionRow row) {
		String label = switch (row.status()) {
			case "connected" -> "Connected";
			case "expired" -> "Connect again";
			default -> "Failing";
		};
		String token = row.oauth() ? "OAuth, HubSpot account " + row.account() : "token ending in " + row.tokenHint();
		return new Connection(row.status(), label, row.message(), token, row.targetList(), row.sourceListId(),
				row.fieldMap(), row.importEvery(), row.connectedAt(), row.lastImportAt(), row.nextImportAt(),
				row.oauth() ? "oauth" : "token", row.account());
	}

}
