package com.penguinmails.templates.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.TemplateEditor;

/**
 * The SQL of {@link com.penguinmails.templates.Templates}: {@code email_templates} (one
 * row per template, its name unique in the workspace) and {@code email_template_versions}
 * (every saved version). Every query takes the workspace first.
 */
@Repository
public class TemplateRepository {

	/**
	 * A version's content as saved. @param text null when the template has none @param
	 * source the visual editor's MJML, else null
	 */
	public record Content(String subject, String html, String text, TemplateEditor editor, String source) {
	}

	private static final String SELECT = """
			SELECT t.id, t.name, v.version, v.subject, v.html, v.text, v.created_at, v.editor, v.source, v.created_by
			FROM email_templates t JOIN email_template_versions v ON v.template_id = t.id""";

	private static final String LATEST = "(SELECT max(version) FROM email_template_versions WHERE template_id = t.id)";

	private final JdbcClient jdbc;

	TemplateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the workspace has a
	 * template of that name
	 */
	public void insert(UUID workspaceId, UUID id, String name, Instant createdAt) {
		jdbc.sql("INSERT INTO email_templates (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)")
			.params(id, workspaceId, name, Timestamp.from(createdAt))
			.update();
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the workspace has
	 * another template of that name
	 */
	public void rename(UUID workspaceId, UUID id, String name) {
		jdbc.sql("UPDATE email_templates SET name = ? WHERE workspace_id = ? AND id = ?")
			.params(name, workspaceId, id)
			.update();
	}

	public void insertVersion(UUID workspaceId, UUID templateId, int version, Content content, UUID createdBy,
			Instant createdAt) {
		jdbc.sql("""
				INSERT INTO email_template_versions (id, workspace_id, template_id, version, subject, html, text,
				    editor, source, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, templateId, version, content.subject(), content.html(),
					content.text(), content.editor().value(), content.source(), createdBy, Timestamp.from(createdAt))
			.update();
	}

	/** The workspace's templates at their latest version, by name. */
	public List<EmailTemplate> latest(UUID workspaceId) {
		return jdbc.sql(SELECT + " WHERE t.workspace_id = ? AND v.version = " + LATEST + " ORDER BY t.name")
			.param(workspaceId)
			.query((rs, i) -> map(rs))
			.list();
	}

	/** One version of a template, or its latest when {@code version} is null. */
	public Optional<EmailTemplate> version(UUID workspaceId, UUID id, Integer version) {
		return jdbc.sql(SELECT + " WHERE t.workspace_id = ? AND t.id = ? AND v.version = coalesce(?, " + LATEST + ")")
			.params(workspaceId, id, version)
			.query((rs, i) -> map(rs))
			.optional();
	}

	/** Every version of a template, newest first. */
	public List<EmailTemplate> versions(UUID workspaceId, UUID id) {
		return jdbc.sql(SELECT + " WHERE t.workspace_id = ? AND t.id = ? ORDER BY v.version DESC")
			.params(workspaceId, id)
			.query((rs, i) -> map(rs))
			.list();
	}

	public void delete(UUID workspaceId, UUID id) {
		jdbc.sql("DELETE FROM email_templates WHERE workspace_id = ? AND id = ?").params(workspaceId, id).update();
	}

	private static EmailTemplate map(ResultSet rs) throws SQLException {
		return new EmailTemplate(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
				rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), TemplateEditor.of(rs.getString(8)),
				rs.getString(9), rs.getObject(10, UUID.class));
	}

}
