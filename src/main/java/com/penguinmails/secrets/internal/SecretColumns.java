package com.penguinmails.secrets.internal;

import java.util.List;

/**
 * Every column holding a {@code shared.Secrets} ciphertext, in one place: what
 * {@code secrets rewrap} re-wraps and {@code secrets.readable} checks. A feature storing
 * a new secret adds its column here; {@code SecretColumnsTests} fails while a bytea
 * column is neither here nor on its list of columns that hold no secret.
 */
public final class SecretColumns {

	/** The registry: table, its primary key columns, the ciphertext column. */
	public static final List<Column> ALL = List.of(
			new Column("users", List.of("id"), "totp_secret", "Two-factor (TOTP) seeds"),
			new Column("mailboxes", List.of("id"), "smtp_password", "Mailbox SMTP passwords"),
			new Column("mailboxes", List.of("id"), "imap_password", "Mailbox IMAP passwords"),
			new Column("mailboxes", List.of("id"), "provider_credentials", "Mailbox provider credentials (OAuth)"),
			new Column("sending_providers", List.of("id"), "credentials", "Sending provider API keys"),
			new Column("domains", List.of("id"), "tsig_secret", "DNS update (TSIG) keys"),
			new Column("dkim_keys", List.of("id"), "private_key", "DKIM private keys"),
			new Column("webhook_endpoint_secrets", List.of("id"), "secret", "Webhook signing secrets"),
			new Column("provider_webhooks", List.of("workspace_id"), "postmark_password",
					"Postmark inbound webhook passwords"),
			new Column("provider_webhooks", List.of("workspace_id"), "mailgun_signing_key", "Mailgun signing keys"),
			new Column("crm_connections", List.of("workspace_id", "crm"), "token", "CRM access tokens"),
			new Column("crm_connections", List.of("workspace_id", "crm"), "refresh_token", "CRM refresh tokens"),
			new Column("crm_oauth_states", List.of("state_hash"), "code_verifier", "CRM sign-ins in progress (PKCE)"),
			new Column("postmaster_connections", List.of("workspace_id", "provider"), "secret",
					"Postmaster tools client secrets"),
			new Column("postmaster_connections", List.of("workspace_id", "provider"), "access_token",
					"Postmaster tools access tokens"),
			new Column("acme_accounts", List.of("directory_url"), "encrypted_key", "ACME account keys"),
			new Column("tls_certificates", List.of("id"), "encrypted_key", "TLS certificate keys"),
			new Column("alert_channels", List.of("id"), "encrypted_url", "Slack and Teams alert webhook URLs"));

	private SecretColumns() {
	}

	/**
	 * One column of ciphertexts.
	 *
	 * @param table the table (schema {@code public})
	 * @param keys its primary key's columns, in order: batches page through them
	 * @param column the bytea column holding ciphertexts (null allowed)
	 * @param label what it holds, for people, e.g. "DKIM private keys"
	 */
	public record Column(String table, List<String> keys, String column, String label) {

		/** {@code table.column}, as the commands print it. */
		public String name() {
			return table + "." + column;
		}

	}

}
