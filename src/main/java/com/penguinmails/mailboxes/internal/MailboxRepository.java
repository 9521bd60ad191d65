package com.penguinmails.mailboxes.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxPause;
import com.penguinmails.mailboxes.MailboxRef;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.SendingTransport;
import com.penguinmails.mailboxes.TransportKind;

/** Mailboxes; every query takes the workspace id first. Passwords stay encrypted here. */
@Repository
public class MailboxRepository {

	public record Row(UUID id, String email, String displayName, String smtpHost, int smtpPort, Security smtpSecurity,
			String smtpUsername, byte[] smtpPassword, String imapHost, int imapPort, Security imapSecurity,
			String imapUsername, byte[] imapPassword, String signatureHtml, String replyTo, int dailyCap,
			int minGapSeconds, int maxGapSeconds, boolean smtpAuth, Provider provider) {

		public Row {
			provider = provider == null ? Provider.SMTP : provider;
		}

		public Row(UUID id, String email, String displayName, String smtpHost, int smtpPort, Security smtpSecurity,
				String smtpUsername, byte[] smtpPassword, String imapHost, int imapPort, Security imapSecurity,
				String imapUsername, byte[] imapPassword, String signatureHtml, String replyTo, int dailyCap,
				int minGapSeconds, int maxGapSeconds, boolean smtpAuth) {
			this(id, email, displayName, smtpHost, smtpPort, smtpSecurity, smtpUsername, smtpPassword, imapHost,
					imapPort, imapSecurity, imapUsername, imapPassword, signatureHtml, replyTo, dailyCap, minGapSeconds,
					maxGapSeconds, smtpAuth, Provider.SMTP);
		}

	}

	/**
	 * How the mailbox sends: the kind, the provider's settings that are not secret, and
	 * its secrets as stored (encrypted JSON, or null).
	 */
	public record Provider(TransportKind kind, String stream, String domain, String region, byte[] credentials,
			boolean fallbackToSmtp) {

		public static final Provider SMTP = new Provider(TransportKind.SMTP, null, null, null, null, false);

		public SendingTransport view() {
			return new SendingTransport(kind, stream, domain, region, credentials != null && credentials.length > 0,
					kind == TransportKind.SMTP ? null : fallbackToSmtp);
		}

	}

	private final JdbcClient jdbc;

	MailboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean exists(UUID workspaceId, String email) {
		return jdbc.sql("SELECT count(*) FROM mailboxes WHERE workspace_id = ? AND lower(email) = lower(?)")
			.params(workspaceId, email)
			.query(Long.class)
			.single() > 0;
	}

	public void insert(UUID workspaceId, Row row, Instant now) {
		jdbc.sql("""
				INSERT INTO mailboxes (id, workspace_id, email, display_name, smtp_host, smtp_port, smtp_security,
				    smtp_username, smtp_password, imap_host, imap_port, imap_security, imap_username, imap_password,
				    signature_html, reply_to, daily_cap, min_gap_seconds, max_gap_seconds, created_at, smtp_auth)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(row.id(), workspaceId, row.email(), row.displayName(), row.smtpHost(), row.smtpPort(),
					row.smtpSecurity().name(), row.smtpUsername(), row.smtpPassword(), row.imapHost(), row.imapPort(),
					row.imapSecurity().name(), row.imapUsername(), row.imapPassword(), row.signatureHtml(),
					row.replyTo(), row.dailyCap(), row.minGapSeconds(), row.maxGapSeconds(), Timestamp.from(now),
					row.smtpAuth())
			.update();
	}

	public List<Mailbox> list(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM mailboxes WHERE workspace_id = ? ORDER BY lower(email)")
			.param(workspaceId)
			.query(MailboxRepository::map)
			.list();
	}

	public List<Mailbox> findAll(UUID workspaceId, java.util.Collection<UUID> ids) {
		return jdbc.sql("SELECT * FROM mailboxes WHERE workspace_id = ? AND id = ANY (?)")
			.params(workspaceId, ids.toArray(UUID[]::new))
			.query(MailboxRepository::map)
			.list();
	}

	public Optional<Mailbox> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM mailboxes WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(MailboxRepository::map)
			.optional();
	}

	/** The row with its encrypted passwords, for connecting. */
	public Optional<Row> credentials(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM mailboxes WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(MailboxRepository::row)
			.optional();
	}

	/**
	 * The row, locked until the transaction ends, so that two concurrent edits of
	 * different fields both survive.
	 */
	public Optional<Row> lockCredentials(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM mailboxes WHERE workspace_id = ? AND id = ? FOR UPDATE")
			.params(workspaceId, id)
			.query(MailboxRepository::row)
			.optional();
	}

	/** Rewrites the settings of a row; its address, status and test results stay. */
	public void update(UUID workspaceId, Row row) {
		jdbc.sql("""
				UPDATE mailboxes SET display_name = ?, smtp_host = ?, smtp_port = ?, smtp_security = ?,
				    smtp_username = ?, smtp_password = ?, imap_host = ?, imap_port = ?, imap_security = ?,
				    imap_username = ?, imap_password = ?, signature_html = ?, reply_to = ?, daily_cap = ?,
				    min_gap_seconds = ?, max_gap_seconds = ?, smtp_auth = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(row.displayName(), row.smtpHost(), row.smtpPort(), row.smtpSecurity().name(), row.smtpUsername(),
					row.smtpPassword(), row.imapHost(), row.imapPort(), row.imapSecurity().name(), row.imapUsername(),
					row.imapPassword(), row.signatureHtml(), row.replyTo(), row.dailyCap(), row.minGapSeconds(),
					row.maxGapSeconds(), row.smtpAuth(), workspaceId, row.id())
			.update();
	}

	/** Sets how the mailbox sends (its provider settings and encrypted secrets). */
	/**
	 * Forgets the outcome of the last connection test and error of a mailbox whose
	 * transport changed: an error of the old transport is not the new one's, and a
	 * mailbox in error sends again (through its new transport).
	 */
	public void forgetTransportOutcome(UUID workspaceId, UUID id) {
		jdbc.sql("""
				UPDATE mailboxes SET last_error = NULL, last_tested_at = NULL,
				    status = CASE WHEN status = 'error' THEN 'active' ELSE status END
				WHERE workspace_id = ? AND id = ?""").params(workspaceId, id).update();
	}

	public void setProvider(UUID workspaceId, UUID id, Provider provider) {
		jdbc.sql("""
				UPDATE mailboxes SET transport = ?, provider_stream = ?, provider_domain = ?, provider_region = ?,
				    provider_credentials = ?, provider_fallback_smtp = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(provider.kind().value(), provider.stream(), provider.domain(), provider.region(),
					provider.credentials(), provider.fallbackToSmtp(), workspaceId, id)
			.update();
	}

	public void recordTest(UUID workspaceId, UUID id, boolean ok, String error, Instant now) {
		jdbc.sql(
				"""
						UPDATE mailboxes SET last_tested_at = ?, last_error = ?,
						    status = CASE WHEN ? THEN (CASE WHEN status = 'paused' THEN 'paused' ELSE 'active' END) ELSE 'error' END
						WHERE workspace_id = ? AND id = ?""")
			.params(Timestamp.from(now), error, ok, workspaceId, id)
			.update();
	}

	/** Sets the status; whatever paused it before is forgotten. */
	public void setStatus(UUID workspaceId, UUID id, MailboxStatus status) {
		jdbc.sql("""
				UPDATE mailboxes SET status = ?, paused_reason = NULL, paused_by = NULL, paused_at = NULL
				WHERE workspace_id = ? AND id = ?""").params(status.value(), workspaceId, id).update();
	}

	/** Makes a paused mailbox active; false when it was not paused. */
	public boolean resume(UUID workspaceId, UUID id) {
		return jdbc.sql("""
				UPDATE mailboxes SET status = 'active', paused_reason = NULL, paused_by = NULL, paused_at = NULL
				WHERE workspace_id = ? AND id = ? AND status = 'paused'""").params(workspaceId, id).update() == 1;
	}

	/** Pauses the mailbox with why and by whom; false when it was already paused. */
	public boolean pause(UUID workspaceId, UUID id, MailboxPause pause) {
		return jdbc.sql("""
				UPDATE mailboxes SET status = 'paused', paused_reason = ?, paused_by = ?, paused_at = ?
				WHERE workspace_id = ? AND id = ? AND status <> 'paused'""")
			.params(pause.reason(), pause.by(), Timestamp.from(pause.at()), workspaceId, id)
			.update() == 1;
	}

	/** Every mailbox, of any workspace, that must not send now (paused or in error). */
	public List<UUID> unavailable() {
		return jdbc.sql("SELECT id FROM mailboxes WHERE status <> 'active'").query(UUID.class).list();
	}

	/** Every mailbox of every workspace, for the inbound sync. */
	public List<MailboxRef> all() {
		return jdbc.sql("SELECT workspace_id, id, email, status FROM mailboxes")
			.query((rs, i) -> new MailboxRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					MailboxStatus.of(rs.getString(4))))
			.list();
	}

	/** Puts the mailbox in error with the reason; false when it was not active. */
	public boolean markError(UUID workspaceId, UUID id, String error) {
		return jdbc.sql("""
				UPDATE mailboxes SET status = 'error', last_error = ?
				WHERE workspace_id = ? AND id = ? AND status = 'active'""")
			.params(error, workspaceId, id)
			.update() == 1;
	}

	public void delete(UUID workspaceId, UUID id) {
		jdbc.sql("DELETE FROM mailboxes WHERE workspace_id = ? AND id = ?").params(workspaceId, id).update();
	}

	private static Row row(ResultSet rs, int i) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				rs.getString("smtp_host"), rs.getInt("smtp_port"), Security.valueOf(rs.getString("smtp_security")),
				rs.getString("smtp_username"), rs.getBytes("smtp_password"), rs.getString("imap_host"),
				rs.getInt("imap_port"), Security.valueOf(rs.getString("imap_security")), rs.getString("imap_username"),
				rs.getBytes("imap_password"), rs.getString("signature_html"), rs.getString("reply_to"),
				rs.getInt("daily_cap"), rs.getInt("min_gap_seconds"), rs.getInt("max_gap_seconds"),
				rs.getBoolean("smtp_auth"), provider(rs));
	}

	private static Provider provider(ResultSet rs) throws SQLException {
		return new Provider(TransportKind.of(rs.getString("transport")), rs.getString("provider_stream"),
				rs.getString("provider_domain"), rs.getString("provider_region"), rs.getBytes("provider_credentials"),
				rs.getBoolean("provider_fallback_smtp"));
	}

	private static Mailbox map(ResultSet rs, int row) throws SQLException {
		Timestamp tested = rs.getTimestamp("last_tested_at");
		return new Mailbox(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				rs.getString("smtp_host"), rs.getInt("smtp_port"), Security.valueOf(rs.getString("smtp_security")),
				rs.getString("smtp_username"), rs.getString("imap_host"), rs.getInt("imap_port"),
				Security.valueOf(rs.getString("imap_security")), rs.getString("imap_username"),
				rs.getString("signature_html"), rs.getString("reply_to"), rs.getInt("daily_cap"),
				rs.getInt("min_gap_seconds"), rs.getInt("max_gap_seconds"), MailboxStatus.of(rs.getString("status")),
				rs.getString("last_error"), tested == null ? null : tested.toInstant(),
				rs.getTimestamp("created_at").toInstant(), rs.getBoolean("smtp_auth"), pause(rs), provider(rs).view());
	}

	private static MailboxPause pause(ResultSet rs) throws SQLException {
		Timestamp at = rs.getTimestamp("paused_at");
		return !"paused".equals(rs.getString("status")) || at == null ? null
				: new MailboxPause(rs.getString("paused_reason"), rs.getString("paused_by"), at.toInstant());
	}

}
