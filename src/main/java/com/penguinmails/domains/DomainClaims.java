package com.penguinmails.domains;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.domains.internal.DomainClaimRepository;
import com.penguinmails.domains.internal.DomainStore;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Claims on domains that another workspace holds. Whoever controls the domain's DNS wins:
 * once the claim's token shows in DNS, the domain leaves the old workspace (which is
 * told) and is added afresh, with a new DKIM key, to the claimant's.
 */
@Service
public class DomainClaims {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DomainClaimRepository repository;

	private final Domains domains;

	private final DomainStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DomainClaims(DomainClaimRepository repository, Domains domains, DomainStore store, ApplicationEventPublisher events,
			Clock clock) {
		this.repository = repository;
		this.domains = domains;
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public DomainClaim start(Tenant tenant, String domainName) {
		tenant.require(WorkspaceRole.ADMIN, "domains:write");
		String name = Domains.normalize(domainName);
		if (!store.nameTaken(name)) {
			throw new InvalidInputProblem("not-held", name + " is not held by any workspace: just add it.");
		}
		if (store.holder(name).filter(tenant.workspaceId()::equals).isPresent()) {
			throw new InvalidInputProblem("already-yours", name + " is already in this workspace.");
		}
		byte[] token = new byte[16];
		RANDOM.nextBytes(token);
		UUID id = UUID.randomUUID();
		repository.insert(tenant.workspaceId(), id, name, "claim-" + HexFormat.of().formatHex(token), clock.instant());
		return find(tenant, id);
	}

	public List<DomainClaim> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "domains:read");
		return repository.list(tenant.workspaceId());
	}

	public DomainClaim find(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "domains:read");
		return repository.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Claim"));
	}

	/** Looks for the token in DNS; when there, moves the domain to the claimant. */
	@Transactional
	public Domain verify(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "domains:write");
		DomainClaim claim = find(tenant, id);
		if (claim.completedAt() != null) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "claim-done", "This claim is already complete.");
		}
		if (!store.txtValues(claim.host()).contains(claim.value())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "claim-not-found", "The TXT record " + claim.host()
					+ " does not show the claim token yet. DNS changes can take a while: try again in a few minutes.");
		}
		UUID previous = store.holder(claim.name()).orElse(null);
		if (previous != null) {
			store.release(previous, claim.name());
		}
		Domain domain = domains.add(tenant, new NewDomain(claim.name(), false, "", ""));
		repository.complete(tenant.workspaceId(), id, domain.id(), clock.instant());
		if (previous != null) {
			events.publishEvent(new DomainClaimed(previous, tenant.workspaceId(), claim.name()));
		}
		return domain;
	}

}
