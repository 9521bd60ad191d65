package com.penguinmails.analytics;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAlias;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.analytics.internal.deals.DealRepository;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.CsvRows;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's deals: revenue recorded against its contacts by the API, a CSV upload or
 * a CRM sync, for {@link RevenueAttribution}. A deal with an external id is an upsert:
 * recording the same external id again updates the one deal, so a CRM sync or a
 * re-uploaded file never counts revenue twice. Reading needs the viewer role (API scope
 * {@code analytics:read}), writing the member role ({@code analytics:write}).
 */
@Service
public class Deals {

	/** Rows per page when the caller does not say. */
	public static final int DEFAULT_LIMIT = 50;

	/** Rows per page at most. */
	public static final int MAX_LIMIT = 500;

	/** Rows of one CSV upload at most. */
	public static final int MAX_ROWS = 10_000;

	/** The largest amount {@code NUMERIC(14,2)} holds. */
	static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

	/**
	 * A deal to record. The contact is named by {@code contactId} or {@code email} (or
	 * both, which must be the same contact) and must be a contact of the workspace.
	 *
	 * @param contactId a contact of the workspace, or null
	 * @param email a contact's address (any case), or null
	 * @param name what was sold, at most 300 characters, or null
	 * @param amount at least 0, at most two decimals, below 10^12
	 * @param currency ISO 4217 alphabetic code, any case ({@code eur})
	 * @param closedAt when the deal closed
	 * @param externalId the caller's id for the deal (at most 200 characters): recording
	 * it again updates the deal; null or blank for none
	 */
	public record NewDeal(@JsonAlias("contact_id") UUID contactId, String email, String name, BigDecimal amount,
			String currency, @JsonAlias("closed_at") Instant closedAt, @JsonAlias("external_id") String externalId) {
	}

	/**
	 * A deal recorded: the deal, and whether it is new (false: an external id's update).
	 */
	public record Recorded(Deal deal, boolean created) {
	}

	/**
	 * One row of a CSV upload: its line in the file, {@code imported} or {@code error},
	 * and the deal or what was wrong.
	 */
	public record RowResult(long line, String email, String status, String message, Deal deal) {
	}

	/** What an upload did: deals recorded (new or updated), rows refused, each row. */
	public record ImportResult(int imported, int failed, List<RowResult> rows) {
	}

	/** The contact was not found in the workspace (422). */
	static final class UnknownContact extends InvalidInputProblem {

		UnknownContact(String message) {
			super(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-contact", message);
		}

	}

	private final DealRepository repository;

	private final Contacts contacts;

	private final WorkspaceDirectory directory;

	private final Clock clock;

	Deals(DealRepository repository, Contacts contacts, WorkspaceDirectory directory, Clock clock) {
		this.repository = repository;
		this.contacts = contacts;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * Records a deal, or updates the workspace's deal with the same external id.
	 * @param source where it comes from ({@link DealSource#CRM} for a CRM sync)
	 * @throws InvalidInputProblem 400 naming the first value that does not fit; 422
	 * {@code unknown-contact} when the contact is not one of the workspace's
	 */
	public Recorded record(Tenant tenant, NewDeal deal, DealSource source) {
		tenant.require(WorkspaceRole.MEMBER, "analytics:write");
		if (deal == null) {
			throw new InvalidInputProblem("invalid-deal",
					"A deal needs email (or contactId), amount, currency and " + "closedAt.");
		}
		DealRepository.Row row = checked(tenant.workspaceId(), deal, source);
		DealRepository.Written written = repository.upsert(tenant.workspaceId(), row, clock.instant());
		return new Recorded(repository.find(tenant.workspaceId(), written.id()).orElseThrow(), written.created());
	}

	/**
	 * The workspace's deals, newest closed first (keyset on closed time and id, no
	 * OFFSET); pass {@code nextCursor} back as {@code cursor} for the next page.
	 * @param limit 1 to {@link #MAX_LIMIT}
	 * @throws InvalidInputProblem 400 for a malformed cursor or a limit out of range
	 */
	public CursorPage<Deal> list(Tenant tenant, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "analytics:read");
		CursorPage.limit(limit, MAX_LIMIT);
		CursorPage.Position after = CursorPage.Position.parse(cursor);
		List<Deal> rows = repository.page(tenant.workspaceId(), after == null ? null : after.at(),
				after == null ? null : after.id(), limit + 1);
		return CursorPage.of(rows, limit, deal -> new CursorPage.Position(deal.closedAt(), deal.id()));
	}

	/**
	 * @throws NotFoundProblem (404) when the workspace has no such deal
	 */
	public Deal get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "analytics:read");
		return repository.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Deal"));
	}

	/**
	 * @throws NotFoundProblem (404) when the workspace has no such deal
	 */
	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "analytics:write");
		if (!repository.delete(tenant.workspaceId(), id)) {
			throw new NotFoundProblem("Deal");
		}
	}

	/**
	 * Records the deals of a CSV (RFC 4180, UTF-8, read by {@link CsvRows}): a header row
	 * naming the columns {@code email, amount, currency, closed_at, name, external_id}
	 * (any order; {@code contact_id} may stand for {@code email}), or, without a header,
	 * those columns in that order. Each row is recorded on its own and reported with its
	 * line in the file: a bad row never stops the good ones. {@code closed_at} is as
	 * {@link #closedAt(String, ZoneId)} reads it, in the workspace's time zone.
	 * @throws InvalidInputProblem 400 {@code too-many-rows} beyond {@link #MAX_ROWS}
	 * (nothing after the limit is read)
	 */
	public ImportResult importCsv(Tenant tenant, Reader csv) {
		tenant.require(WorkspaceRole.MEMBER, "analytics:write");
		ZoneId zone = zone(tenant);
		List<RowResult> rows = CsvRows.importRows(csv, Set.of("email", "contact_id", "amount"), MAX_ROWS,
				"At most " + MAX_ROWS + " deals per upload: split the file.", (row) -> importRow(tenant, row, zone),
				RowResult::line, (line, reason) -> new RowResult(line, "", "error", reason, null));
		int imported = (int) rows.stream().filter(r -> r.status().equals("imported")).count();
		return new ImportResult(imported, rows.size() - imported, rows);
	}

	/**
	 * The time zone dates without one are read in: the caller's (the workspace owner's
	 * for an API key whose user is gone), UTC when unknown.
	 */
	public ZoneId zone(Tenant tenant) {
		try {
			return ZoneId.of(directory.timeZone(tenant.workspaceId(), tenant.userId()));
		}
		catch (DateTimeException | NullPointerException ex) {
			return ZoneOffset.UTC;
		}
	}

	/**
	 * A closing time as people and files write it: an ISO 8601 instant
	 * ({@code 2026-11-03T14:00:00Z}) or date-time with offset, a local date-time
	 * ({@code 2026-11-03T14:00} or with a space) in {@code zone}, or a date alone
	 * ({@code 2026-11-03}), which is the end of that day in {@code zone} (mail sent that
	 * day counts as a touch).
	 * @throws InvalidInputProblem 400 {@code invalid-closed-at} for anything else
	 */
	public static Instant closedAt(String value, ZoneId zone) {
		String text = value == null ? "" : value.strip().replace(' ', 'T');
		if (text.isEmpty()) {
			throw new InvalidInputProblem("invalid-closed-at", "closed_at is required (a date such as 2026-11-03).");
		}
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
			}
			if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
				return OffsetDateTime
					.parse(text.endsWith("Z") ? text : text.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
					.toInstant();
			}
			return LocalDateTime.parse(text).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputProblem("invalid-closed-at",
					"closed_at \"" + value.strip() + "\" is not a date (2026-11-03) or an ISO 8601 time.");
		}
	}

	/**
	 * An amount as people and files write it: digits with an optional decimal point and
	 * at most two decimals ({@code 1200}, {@code 1200.50}); no thousands separators.
	 * @throws InvalidInputProblem 400 {@code invalid-amount} for anything else
	 */
	public static BigDecimal amount(String value) {
		String text = value == null ? "" : value.strip();
		if (!text.matches("\\d{1,12}(\\.\\d{1,2})?")) {
			throw new InvalidInputProblem("invalid-amount", "amount \"" + text
					+ "\" is not an amount of at least 0 with at most two decimals (1200.50, no separators).");
		}
		return new BigDecimal(text);
	}

	private RowResult importRow(Tenant tenant, CsvRows.Row row, ZoneId zone) {
		String email = row.get(0, "email");
		String contactId = row.get("contact_id");
		try {
			UUID contact = null;
			if (contactId != null && !contactId.isBlank()) {
				try {
					contact = UUID.fromString(contactId.strip());
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputProblem("invalid-contact-id", "contact_id is not a contact's id.");
				}
			}
			NewDeal deal = new NewDeal(contact, email, row.get(4, "name", "title"), amount(row.get(1, "amount")),
					row.get(2, "currency"), closedAt(row.get(3, "closed_at", "closed", "date"), zone),
					row.get(5, "external_id"));
			Recorded recorded = record(tenant, deal, DealSource.CSV);
			return new RowResult(row.line(), recorded.deal().email(), "imported",
					recorded.created() ? "Recorded." : "Updated the deal with this external id.", recorded.deal());
		}
		catch (Problem problem) {
			return new RowResult(row.line(), email == null ? "" : email, "error", problem.getMessage(), null);
		}
	}

	private DealRepository.Row checked(UUID workspaceId, NewDeal deal, DealSource source) {
		BigDecimal amount = deal.amount();
		if (amount == null) {
			throw new InvalidInputProblem("invalid-amount", "amount is required.");
		}
		if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
			throw new InvalidInputProblem("invalid-amount", "amount is at least 0 and below 1,000,000,000,000.");
		}
		if (amount.stripTrailingZeros().scale() > 2) {
			throw new InvalidInputProblem("invalid-amount", "amount has at most two decimals.");
		}
		String currency = currency(deal.currency());
		if (deal.closedAt() == null) {
			throw new InvalidInputProblem("invalid-closed-at", "closedAt is required (an ISO 8601 time).");
		}
		String name = deal.name() == null ? "" : deal.name().strip();
		if (name.length() > 300) {
			throw new InvalidInputProblem("invalid-name", "name is at most 300 characters.");
		}
		String externalId = deal.externalId() == null || deal.externalId().isBlank() ? null : deal.externalId().strip();
		if (externalId != null && externalId.length() > 200) {
			throw new InvalidInputProblem("invalid-external-id", "externalId is at most 200 characters.");
		}
		Contact contact = contact(workspaceId, deal.contactId(), deal.email());
		return new DealRepository.Row(contact.id(), contact.email().toLowerCase(Locale.ROOT), name, amount.setScale(2),
				currency, deal.closedAt(), externalId, source);
	}

	/** ISO 4217: three letters the JDK knows as a currency. */
	private static String currency(String value) {
		String code = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
		if (!code.matches("[A-Z]{3}")) {
			throw new InvalidInputProblem("invalid-currency",
					"currency is an ISO 4217 code of three letters (EUR, USD, GBP).");
		}
		try {
			Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-currency", code + " is not an ISO 4217 currency code.");
		}
		return code;
	}

	/**
	 * The workspace's contact named by id or address (read as the system: the caller
	 * needs no contacts scope to name a contact it sold to).
	 */
	private Contact contact(UUID workspaceId, UUID contactId, String email) {
		String address = email == null || email.isBlank() ? null : email.strip();
		if (contactId == null && address == null) {
			throw new InvalidInputProblem("invalid-contact", "Give the contact's email (or contactId).");
		}
		UUID id = contactId;
		if (address != null) {
			String normalized;
			try {
				normalized = EmailAddresses.normalize(address);
			}
			catch (EmailAddresses.InvalidEmailAddress ex) {
				throw new InvalidInputProblem("invalid-email", "Not a valid email address: " + address + ".");
			}
			UUID found = contacts.idByEmail(workspaceId, normalized)
				.orElseThrow(() -> new UnknownContact("No contact with the address " + normalized
						+ " in this workspace: add the contact first, then record the deal."));
			if (contactId != null && !contactId.equals(found)) {
				throw new InvalidInputProblem(HttpStatus.UNPROCESSABLE_ENTITY, "contact-mismatch",
						"contactId and email name two different contacts.");
			}
			id = found;
		}
		Contact contact = contacts.byIds(Tenant.system(workspaceId), List.of(id)).get(id);
		if (contact == null) {
			throw new UnknownContact("No contact with the id " + id + " in this workspace.");
		}
		return contact;
	}

}
