package com.penguinmails.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.audit.internal.AuditRepository;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.PersonalData;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * GDPR/CCPA requests about one contact: an export of everything every feature holds on
 * them, and erasure. Both are written to the audit log, naming the contact by id only
 * (the log is append-only, so it must not keep the address of someone erased).
 */
@Service
public class Privacy {

	private final List<PersonalData> holders;

	private final AuditRepository audit;

	private final WorkspaceDirectory directory;

	private final Clock clock;

	Privacy(List<PersonalData> holders, AuditRepository audit, WorkspaceDirectory directory, Clock clock) {
		this.holders = holders.stream().sorted(Comparator.comparingInt(PersonalData::order)).toList();
		this.audit = audit;
		this.directory = directory;
		this.clock = clock;
	}

	/** Everything held on the contact, by feature; 404 when there is nothing. */
	@Transactional
	public Map<String, Object> export(Tenant tenant, UUID contactId, String ip) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:read");
		Map<String, Object> export = new LinkedHashMap<>();
		Instant now = clock.instant();
		export.put("exportedAt", now);
		export.put("contactId", contactId);
		boolean found = false;
		for (PersonalData holder : holders) {
			Map<String, Object> part = holder.export(tenant.workspaceId(), contactId);
			found |= !part.isEmpty();
			export.put(holder.section(), part);
		}
		if (!found) {
			throw new NotFoundProblem("Contact");
		}
		record(tenant, "contact.exported", contactId, ip, now);
		return export;
	}

	/**
	 * Erases the contact everywhere, in one transaction; the address stays suppressed by
	 * its hash only.
	 */
	@Transactional
	public void erase(Tenant tenant, UUID contactId, String ip) {
		tenant.require(WorkspaceRole.ADMIN, "contacts:write");
		for (PersonalData holder : holders) {
			holder.erase(tenant.workspaceId(), contactId);
		}
		record(tenant, "contact.erased", contactId, ip, clock.instant());
	}

	private void record(Tenant tenant, String action, UUID contactId, String ip, Instant at) {
		String actor = tenant.viaApiKey() ? "API key " + tenant.apiKeyId()
				: directory.memberEmail(tenant.workspaceId(), tenant.userId());
		audit.append(tenant.workspaceId(), tenant.userId(), actor, action, "contact " + contactId, ip, at);
	}

}
