package com.penguinmails.mailboxes;

import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Service;

import com.penguinmails.shared.CsvRows;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Connects many mailboxes from a CSV (agencies connect hundreds): each row is added, then
 * tested for real (8 at a time), and reported with its line number; a bad row never stops
 * the others. Columns by header: email, display_name, preset, smtp_host, smtp_port,
 * smtp_security, smtp_username, smtp_password (or password), imap_host, imap_port,
 * imap_security, imap_username, imap_password, daily_cap, min_gap_seconds,
 * max_gap_seconds.
 */
@Service
public class MailboxImport {

	public static final int MAX_ROWS = 2000;

	public record RowResult(long line, String email, String status, String message, Mailbox mailbox,
			ConnectionTest test) {
	}

	public record Result(int connected, int failedTests, int rejected, List<RowResult> rows) {
	}

	private final Mailboxes mailboxes;

	private final ExecutorService testers = Executors.newFixedThreadPool(8, r -> {
		Thread thread = new Thread(r, "mailbox-import-test");
		thread.setDaemon(true);
		return thread;
	});

	MailboxImport(Mailboxes mailboxes) {
		this.mailboxes = mailboxes;
	}

	public Result importCsv(Tenant tenant, Reader csv) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		List<RowResult> added = CsvRows.importRows(csv, Set.of("email", "address"), MAX_ROWS,
				"At most " + MAX_ROWS + " mailboxes per upload.", (row) -> add(tenant, row), RowResult::line,
				(line, reason) -> new RowResult(line, "", "error", reason, null, null));
		List<CompletableFuture<RowResult>> tested = added.stream()
			.map(r -> r.mailbox() == null ? CompletableFuture.completedFuture(r)
					: CompletableFuture.supplyAsync(() -> test(tenant, r), testers))
			.toList();
		List<RowResult> rows = tested.stream().map(CompletableFuture::join).toList();
		int connected = (int) rows.stream().filter(r -> r.status().equals("connected")).count();
		int failedTests = (int) rows.stream().filter(r -> r.status().equals("test-failed")).count();
		return new Result(connected, failedTests, rows.size() - connected - failedTests, rows);
	}

	private RowResult add(Tenant tenant, CsvRows.Row row) {
		String email = row.get(0, "email", "address");
		if (email == null || email.isBlank()) {
			return new RowResult(row.line(), "", "error", "No email address in this row.", null, null);
		}
		try {
			String password = first(row.get("smtp_password"), row.get("password"));
			NewMailbox request = new NewMailbox(email, row.get("display_name", "name"), row.get("preset"),
					new ServerSettings(row.get("smtp_host"), number(row.get("smtp_port"), 0),
							security(row.get("smtp_security")), row.get("smtp_username"), password),
					new ServerSettings(row.get("imap_host"), number(row.get("imap_port"), 0),
							security(row.get("imap_security")), row.get("imap_username"), row.get("imap_password")),
					null, row.get("reply_to"), integer(row.get("daily_cap")), integer(row.get("min_gap_seconds")),
					integer(row.get("max_gap_seconds")));
			Mailbox mailbox = mailboxes.add(tenant, request);
			return new RowResult(row.line(), mailbox.email(), "added", "", mailbox, null);
		}
		catch (Problem problem) {
			return new RowResult(row.line(), email, "error", problem.getMessage(), null, null);
		}
	}

	private RowResult test(Tenant tenant, RowResult added) {
		ConnectionTest test;
		try {
			test = mailboxes.test(tenant, added.mailbox().id());
		}
		catch (Problem problem) {
			// A server address refused by the network policy: nothing was connected.
			return new RowResult(added.line(), added.email(), "test-failed", problem.getMessage(),
					mailboxes.get(tenant, added.mailbox().id()), null);
		}
		String message = test.ok() ? "Connected; SMTP and IMAP both work."
				: (test.smtp().ok() ? "" : "SMTP " + test.smtp().stage() + ": " + test.smtp().message() + " ")
						+ (test.imap().ok() ? "" : "IMAP " + test.imap().stage() + ": " + test.imap().message());
		return new RowResult(added.line(), added.email(), test.ok() ? "connected" : "test-failed", message.strip(),
				mailboxes.get(tenant, added.mailbox().id()), test);
	}

	private static String first(String a, String b) {
		return a != null && !a.isBlank() ? a : b;
	}

	private static Integer integer(String value) {
		return value == null || value.isBlank() ? null : number(value, 0);
	}

	private static int number(String value, int fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputProblem("invalid-number", "Not a number: " + value);
		}
	}

	private static Security security(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Security.valueOf(value.strip().toUpperCase(Locale.ROOT).replace("SSL", "TLS"));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-security",
					"Security must be STARTTLS, TLS or NONE, not " + value + ".");
		}
	}

	@PreDestroy
	void stop() {
		testers.shutdownNow();
	}

}
