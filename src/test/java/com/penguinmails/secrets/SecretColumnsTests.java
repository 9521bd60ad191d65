package com.penguinmails.secrets;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.secrets.internal.SecretColumns;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry of secret columns against the database's catalogue: every bytea column is
 * either registered (so {@code secrets rewrap} moves it) or listed here as holding no
 * {@code Secrets} ciphertext; every registered column exists, with its table's primary
 * key.
 */
@IntegrationTest
class SecretColumnsTests {

	/** bytea columns that hold hashes, files or serialized state, not secrets. */
	static final Set<String> NOT_SECRETS = Set.of("inbound_messages.raw", "crm_oauth_states.state_hash",
			"analytics_report_runs.content", "suppressions.value_hash", "spring_session_attributes.attribute_bytes",
			"rate_limit_bucket.state", "user_tokens.token_hash", "invitations.token_hash", "api_keys.secret_hash",
			"dmarc_files.content");

	@Autowired
	Fixtures fixtures;

	@Test
	void everyByteaColumnIsRegisteredOrKnownToHoldNoSecret() {
		List<String> bytea = fixtures.jdbc().sql("""
				SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c
				JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
				WHERE c.table_schema = 'public' AND c.data_type = 'bytea' AND t.table_type = 'BASE TABLE'
				  AND NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid
				                  WHERE k.relname = c.table_name)
				ORDER BY 1""").query(String.class).list();
		Set<String> registered = SecretColumns.ALL.stream().map(SecretColumns.Column::name).collect(Collectors.toSet());
		assertThat(bytea).as("bytea columns neither in SecretColumns nor known to hold no secret")
			.allMatch(column -> registered.contains(column) || NOT_SECRETS.contains(column));
		assertThat(bytea).as("registered and not-secret columns that exist").containsAll(registered);
	}

	@Test
	void everyRegisteredColumnPagesThroughItsTablesPrimaryKey() {
		for (SecretColumns.Column column : SecretColumns.ALL) {
			List<String> primaryKey = fixtures.jdbc()
				.sql("""
						SELECT a.attname FROM pg_index i
						JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
						WHERE i.indrelid = ?::regclass AND i.indisprimary
						ORDER BY array_position(i.indkey::int2[], a.attnum)""")
				.param(column.table())
				.query(String.class)
				.list();
			assertThat(column.keys()).as(column.name()).isEqualTo(primaryKey);
		}
	}

}
