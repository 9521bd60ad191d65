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
	public static final List<Column> ALL = List.of(new Column("users", List.of("id"), "totp_secret"),
			new Column("mailboxes", List.of("id"), "smtp_password"),
			new Column("mailboxes", List.of("id"), "imap_password"),
			new Column("mailboxes", List.of("id"), "provider_credentials"),
			new Column("sending_providers", List.of("id"), "credentials"),
			new Column("domains", List.of("id"), "tsig_secret"), new Column("dkim_keys", List.of("id"), "private_key"),
			new Column("webhook_endpoint_secrets", List.of("id"), "secret"),
			new Column("provider_webhooks", List.of("workspace_id"), "postmark_password"),
			new Column("provider_webhooks", List.of("workspace_id"), "mailgun_signing_key"),
			new Column("crm_connections", List.of("workspace_id", "crm"), "token"),
			new Column("crm_connections", List.of("workspace_id", "crm"), "refresh_token"),
			new Column("crm_oauth_states", List.of("state_hash"), "code_verifier"),
			new Column("postmaster_connections", List.of("workspace_id", "provider"), "secret"),
			new Column("postmaster_connections", List.of("workspace_id", "provider"), "access_token"),
			new Column("acme_accounts", List.of("directory_url"), "encrypted_key"),
			new Column("tls_certificates", List.of("id"), "encrypted_key"),
			new Column("alert_channels", List.of("id"), "encrypted_url"));

	private SecretColumns() {
	}

	/**
	 * One column of ciphertexts.
	 *
	 * @param table the table (schema {@code public})
	 * @param keys its primary key's columns, in order: batches page through them
	 * @param column the bytea column holding ciphertexts (null allowed)
	 */
	public record Column(String table, List<String> keys, String column) {

		/** {@code table.column}, as the commands print it. */
		public String name() {
			return table + "." + column;
		}

	}

}
