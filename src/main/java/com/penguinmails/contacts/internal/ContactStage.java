package com.penguinmails.contacts.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.postgresql.PGConnection;

/**
 * The SQL of an import's batches, on one connection: a session-local staging table
 * ({@code contact_stage}) filled with PostgreSQL
 * {@code COPY ... FROM STDIN (FORMAT csv)}, then merged into {@code contacts} with one
 * {@code INSERT ... ON CONFLICT} (and into the import's list). Each address is once in a
 * batch, so one statement merges it all.
 */
final class ContactStage {

	/**
	 * The staging table's columns, in the order {@link StagedContact#print} writes them.
	 */
	static final String COLUMNS = "line, email, first_name, last_name, company, title, phone, website, linkedin_url, time_zone, country, custom, tags, role_address, disposable, mx_found";

	/** What a batch's merge did. */
	record Counts(long inserted, long updated, long skipped) {

		static final Counts NONE = new Counts(0, 0, 0);

		Counts plus(Counts other) {
			return new Counts(inserted + other.inserted, updated + other.updated, skipped + other.skipped);
		}

	}

	private static final String UPDATE_EXISTING = """
			DO UPDATE SET
			    email = EXCLUDED.email,
			    first_name = coalesce(nullif(EXCLUDED.first_name, ''), c.first_name),
			    last_name = coalesce(nullif(EXCLUDED.last_name, ''), c.last_name),
			    company = coalesce(nullif(EXCLUDED.company, ''), c.company),
			    title = coalesce(nullif(EXCLUDED.title, ''), c.title),
			    phone = coalesce(nullif(EXCLUDED.phone, ''), c.phone),
			    website = coalesce(nullif(EXCLUDED.website, ''), c.website),
			    linkedin_url = coalesce(nullif(EXCLUDED.linkedin_url, ''), c.linkedin_url),
			    time_zone = coalesce(nullif(EXCLUDED.time_zone, ''), c.time_zone),
			    country = coalesce(nullif(EXCLUDED.country, ''), c.country),
			    custom = c.custom || EXCLUDED.custom,
			    tags = ARRAY(SELECT DISTINCT unnest(c.tags || EXCLUDED.tags)),
			    mx_found = coalesce(EXCLUDED.mx_found, c.mx_found),
			    updated_at = now()""";

	/** An address erased on request (GDPR) is not imported again. */
	private static final String NOT_ERASED = """
			WHERE NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.workspace_id = ? AND x.value IS NULL
			    AND x.value_hash = sha256(convert_to(lower(p.email), 'UTF8')))""";

	/** Imported rows join the list: new and updated ones, and existing ones skipped. */
	private static final String JOIN_LIST = """
			,
			listed AS (
			    INSERT INTO contact_list_members (list_id, contact_id, workspace_id)
			    SELECT ?, x.id, ? FROM (
			        SELECT id FROM applied
			        UNION SELECT c.id FROM contact_stage p JOIN contacts c ON c.workspace_id = ? AND lower(c.email) = lower(p.email)
			    ) x
			    ON CONFLICT DO NOTHING)""";

	/**
	 * Each contact the batch inserted or updated gets one timeline row (V45) in the same
	 * statement: the import's speed stays that of one merge per batch.
	 */
	private static final String LOG_CHANGES = """
			,
			logged AS (
			    INSERT INTO contact_changes (workspace_id, contact_id, kind, detail, actor_user_id, job_id, occurred_at)
			    SELECT ?, id, 'imported', CASE WHEN inserted THEN 'Imported from a CSV file'
			        ELSE 'Updated by a CSV import' END, ?, ?, now() FROM applied)""";

	private ContactStage() {
	}

	/** Creates the session's staging table unless it exists. */
	static void create(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("""
					CREATE TEMP TABLE IF NOT EXISTS contact_stage (
					    line BIGINT, email TEXT, first_name TEXT, last_name TEXT, company TEXT, title TEXT, phone TEXT,
					    website TEXT, linkedin_url TEXT, time_zone TEXT, country TEXT, custom TEXT, tags TEXT,
					    role_address BOOLEAN, disposable BOOLEAN, mx_found BOOLEAN)""");
		}
	}

	/** Drops the session's staging table (the connection goes back to the pool). */
	static void drop(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS contact_stage");
		}
	}

	/**
	 * Whether the workspace has erased contacts at all: without any, the merge skips the
	 * per-row hash look-up.
	 */
	static boolean anyErased(Connection connection, UUID workspaceId) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT EXISTS (SELECT 1 FROM suppressions WHERE workspace_id = ? AND value IS NULL)")) {
			statement.setObject(1, workspaceId);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	/**
	 * COPY a batch into the stage and merge it.
	 * @param batch the rows, as {@link StagedContact#print} wrote them
	 * @param rows how many rows the batch has
	 */
	static Counts flush(Connection connection, UUID workspaceId, String batch, int rows,
			CsvContactImporter.Settings settings, boolean anyErased) throws SQLException, IOException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("TRUNCATE contact_stage");
		}
		connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("COPY contact_stage (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)", new StringReader(batch));
		try (PreparedStatement statement = connection.prepareStatement(
				merge(settings.update(), anyErased, settings.listId() != null, settings.logged() != null))) {
			int parameter = 0;
			statement.setObject(++parameter, workspaceId);
			if (anyErased) {
				statement.setObject(++parameter, workspaceId);
			}
			if (settings.listId() != null) {
				statement.setObject(++parameter, settings.listId());
				statement.setObject(++parameter, workspaceId);
				statement.setObject(++parameter, workspaceId);
			}
			if (settings.logged() != null) {
				statement.setObject(++parameter, workspaceId);
				statement.setObject(++parameter, settings.logged().actorUserId());
				statement.setObject(++parameter, settings.logged().importId());
			}
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				long inserted = rs.getLong(1);
				long updated = rs.getLong(2);
				return new Counts(inserted, updated, rows - inserted - updated);
			}
		}
	}

	/**
	 * The merge statement: the workspace, then (when used) the erased check's and the
	 * list's and the timeline's parameters.
	 */
	private static String merge(boolean update, boolean anyErased, boolean toList, boolean logged) {
		return """
				WITH applied AS (
				    INSERT INTO contacts AS c (id, workspace_id, email, first_name, last_name, company, title, phone,
				        website, linkedin_url, time_zone, country, custom, tags, role_address, disposable, mx_found)
				    SELECT gen_random_uuid(), ?, email, first_name, last_name, company, title, phone, website,
				        linkedin_url, time_zone, country, custom::jsonb, tags::text[], role_address, disposable, mx_found
				    FROM contact_stage p
				"""
				+ (anyErased ? NOT_ERASED : "") + """
						ON CONFLICT (workspace_id, lower(email)) """ + (update ? UPDATE_EXISTING : "DO NOTHING") + """

						RETURNING c.id, (xmax = 0) AS inserted)""" + (toList ? JOIN_LIST : "")
				+ (logged ? LOG_CHANGES : "") + """

						SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM applied""";
	}

}
