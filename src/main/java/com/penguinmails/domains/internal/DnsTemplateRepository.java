package com.penguinmails.domains.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.domains.DnsTemplate;

/** The {@code dns_templates} table; every query takes the workspace id first. */
@Repository
public class DnsTemplateRepository {

	private final JdbcClient jdbc;

	DnsTemplateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a template whose fields are already checked.
	 * @return false when the workspace has a template of that name already
	 */
	public boolean insert(UUID workspaceId, DnsTemplate template, Instant now) {
		try {
			jdbc.sql(
					"""
							INSERT INTO dns_templates (id, workspace_id, name, spf_mechanisms, receives_mail, mx_hosts, created_at)
							VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(template.id(), workspaceId, template.name(), template.spfMechanisms(), template.receivesMail(),
						template.mxHosts(), Timestamp.from(now))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** The workspace's templates, by name. */
	public List<DnsTemplate> list(UUID workspaceId) {
		return jdbc.sql("""
				SELECT id, name, spf_mechanisms, receives_mail, mx_hosts FROM dns_templates
				WHERE workspace_id = ? ORDER BY name""").param(workspaceId).query(DnsTemplate.class).list();
	}

	public void delete(UUID workspaceId, UUID id) {
		jdbc.sql("DELETE FROM dns_templates WHERE workspace_id = ? AND id = ?").params(workspaceId, id).update();
	}

}
