package com.penguinmails.domains;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/** A workspace's DNS templates, applied when adding or importing domains. */
@Service
public class DnsTemplates {

	private final JdbcClient jdbc;

	private final Clock clock;

	DnsTemplates(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public DnsTemplate create(Tenant tenant, DnsTemplate template) {
		tenant.require(WorkspaceRole.ADMIN, "domains:write");
		String name = template.name() == null ? "" : template.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			throw new InvalidInputProblem("invalid-name", "Give the template a name of 1 to 100 characters.");
		}
		// The same checks as a domain's own settings.
		String spf = template.spfMechanisms() == null ? "" : template.spfMechanisms().strip();
		Domains.checkSpfMechanisms(spf);
		String mx = template.mxHosts() == null ? ""
				: String.join(", ",
						java.util.Arrays.stream(template.mxHosts().split("[\\s,]+"))
							.filter(h -> !h.isBlank())
							.map(Domains::normalize)
							.toList());
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql(
					"""
							INSERT INTO dns_templates (id, workspace_id, name, spf_mechanisms, receives_mail, mx_hosts, created_at)
							VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(id, tenant.workspaceId(), name, spf, template.receivesMail(), mx,
						Timestamp.from(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "template-exists",
					"A template named " + name + " exists.");
		}
		return find(tenant, id).orElseThrow();
	}

	public List<DnsTemplate> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "domains:read");
		return jdbc.sql(
				"SELECT id, name, spf_mechanisms, receives_mail, mx_hosts FROM dns_templates WHERE workspace_id = ? ORDER BY name")
			.param(tenant.workspaceId())
			.query((rs, i) -> new DnsTemplate(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getBoolean(4), rs.getString(5)))
			.list();
	}

	public Optional<DnsTemplate> find(Tenant tenant, UUID id) {
		return list(tenant).stream().filter(t -> t.id().equals(id)).findFirst();
	}

	public Optional<DnsTemplate> findByName(Tenant tenant, String name) {
		return list(tenant).stream().filter(t -> t.name().equalsIgnoreCase(name.strip())).findFirst();
	}

	public DnsTemplate get(Tenant tenant, UUID id) {
		return find(tenant, id).orElseThrow(() -> new NotFoundProblem("DNS template"));
	}

	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "domains:write");
		get(tenant, id);
		jdbc.sql("DELETE FROM dns_templates WHERE workspace_id = ? AND id = ?")
			.params(tenant.workspaceId(), id)
			.update();
	}

}
