package com.penguinmails.domains;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.domains.internal.DnsTemplateRepository;
import com.penguinmails.domains.internal.DomainNames;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/** A workspace's DNS templates, applied when adding or importing domains. */
@Service
public class DnsTemplates {

	private final DnsTemplateRepository repository;

	private final Clock clock;

	DnsTemplates(DnsTemplateRepository repository, Clock clock) {
		this.repository = repository;
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
		DomainNames.checkSpfMechanisms(spf);
		String mx = String.join(", ", DomainNames.hosts(template.mxHosts()));
		UUID id = UUID.randomUUID();
		if (!repository.insert(tenant.workspaceId(), new DnsTemplate(id, name, spf, template.receivesMail(), mx),
				clock.instant())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "template-exists",
					"A template named " + name + " exists.");
		}
		return find(tenant, id).orElseThrow();
	}

	public List<DnsTemplate> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "domains:read");
		return repository.list(tenant.workspaceId());
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
		repository.delete(tenant.workspaceId(), id);
	}

}
