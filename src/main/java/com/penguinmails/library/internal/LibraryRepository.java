package com.penguinmails.library.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.library.LibraryCategory;
import com.penguinmails.library.LibraryEntry;
import com.penguinmails.library.LibraryKind;
import com.penguinmails.library.LibraryStep;

/**
 * The SQL of the workspace's own library entries ({@code library_entries}); the steps are
 * kept as JSON ({@code {"steps": [...]}}). Every query takes the workspace first.
 */
@Repository
public class LibraryRepository {

	/** The stored content of an entry. */
	record Content(List<LibraryStep> steps) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	LibraryRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the workspace has an
	 * entry of that kind and slug
	 */
	public void insert(UUID workspaceId, LibraryEntry entry, UUID createdBy, Instant createdAt) {
		jdbc.sql("""
				INSERT INTO library_entries (id, workspace_id, kind, slug, name, category, tags, language, description,
				    content, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, entry.kind().value(), entry.slug(), entry.name(),
					entry.category().value(), entry.tags().toArray(String[]::new), entry.language(),
					entry.description(), write(new Content(entry.steps())), createdBy, Timestamp.from(createdAt))
			.update();
	}

	public List<LibraryEntry> list(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM library_entries WHERE workspace_id = ? ORDER BY name")
			.param(workspaceId)
			.query(this::entry)
			.list();
	}

	public Optional<LibraryEntry> find(UUID workspaceId, LibraryKind kind, String slug) {
		return jdbc.sql("SELECT * FROM library_entries WHERE workspace_id = ? AND kind = ? AND slug = ?")
			.params(workspaceId, kind.value(), slug)
			.query(this::entry)
			.optional();
	}

	/**
	 * @return whether an entry was deleted
	 */
	public boolean delete(UUID workspaceId, LibraryKind kind, String slug) {
		return jdbc.sql("DELETE FROM library_entries WHERE workspace_id = ? AND kind = ? AND slug = ?")
			.params(workspaceId, kind.value(), slug)
			.update() > 0;
	}

	private LibraryEntry entry(ResultSet rs, int row) throws SQLException {
		Array tags = rs.getArray("tags");
		Content content;
		try {
			content = json.readValue(rs.getString("content"), Content.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable library entry " + rs.getString("id"), ex);
		}
		return new LibraryEntry(LibraryKind.of(rs.getString("kind")), rs.getString("slug"), rs.getString("name"),
				LibraryCategory.of(rs.getString("category")), List.of((String[]) tags.getArray()),
				rs.getString("language"), rs.getString("description"), true, List.copyOf(content.steps()));
	}

	private String write(Content content) {
		try {
			return json.writeValueAsString(content);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
