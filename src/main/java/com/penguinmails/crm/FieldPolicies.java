package com.penguinmails.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.FieldSync;
import com.penguinmails.crm.internal.FieldSyncRepository;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;

/**
 * The conflict policy per synced field of a CRM connection ({@link FieldPolicy}): the
 * standard fields (first and last name, company, job title, phone, website, country) and
 * each mapped custom field. Roles: reading needs a viewer ({@code crm:read}), changing an
 * admin ({@code crm:write}).
 */
@Service
public class FieldPolicies {

	/**
	 * One synced field and its policy.
	 *
	 * @param field our field name ({@code company}, {@code custom.<key>})
	 * @param label the field in words
	 * @param crmName the CRM's name of it ({@code jobtitle}, {@code Title}), or null when
	 * it cannot be sent (a Salesforce Contact's company and website are its Account's)
	 * @param policy {@link FieldPolicy#value()}
	 * @param policyLabel the policy in words
	 */
	public record Field(String field, String label, String crmName, String policy, String policyLabel) {

		/** Whether a policy other than "CRM wins" may be chosen. */
		public boolean sendable() {
			return crmName != null;
		}

	}

	private final CrmRepository connections;

	private final FieldSyncRepository repository;

	private final FieldSync sync;

	FieldPolicies(CrmRepository connections, FieldSyncRepository repository, FieldSync sync) {
		this.connections = connections;
		this.repository = repository;
		this.sync = sync;
	}

	/**
	 * The connection's synced fields and their policies, standard fields first.
	 * @param crm {@code hubspot} or {@code salesforce}
	 * @throws NotFoundProblem when the CRM is not connected
	 */
	public List<Field> policies(Tenant tenant, String crm) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return fields(tenant, crm);
	}

	/**
	 * Sets the policies of the fields named (the others keep theirs).
	 * @param policies our field name → {@code crm}, {@code penguinmails} or
	 * {@code newest}
	 * @return every synced field and its policy
	 * @throws InvalidInputProblem {@code crm-field-policy} for a field not synced, a
	 * policy not known, or a policy other than {@code crm} for a field that cannot be
	 * sent
	 * @throws NotFoundProblem when the CRM is not connected
	 */
	public List<Field> save(Tenant tenant, String crm, Map<String, String> policies) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		FieldSync.Fields fields = synced(tenant, crm);
		Map<String, String> stored = new LinkedHashMap<>(repository.policies(tenant.workspaceId(), crm));
		stored.keySet().retainAll(fields.names().keySet());
		(policies == null ? Map.<String, String>of() : policies).forEach((field, value) -> {
			FieldPolicy policy = FieldPolicy.of(value);
			if (!fields.tracked().contains(field)) {
				throw new InvalidInputProblem("crm-field-policy", "Not a synced field: " + field + ".");
			}
			if (policy.pushes() && !fields.names().containsKey(field)) {
				throw new InvalidInputProblem("crm-field-policy",
						"A Salesforce Contact's " + field + " is its Account's: it is not sent, so the CRM wins.");
			}
			stored.put(field, policy.value());
		});
		repository.savePolicies(tenant.workspaceId(), crm, stored);
		return fields(tenant, crm);
	}

	private List<Field> fields(Tenant tenant, String crm) {
		FieldSync.Fields fields = synced(tenant, crm);
		List<Field> list = new ArrayList<>();
		for (String field : fields.tracked()) {
			FieldPolicy policy = fields.policy(field);
			String label = field.startsWith("custom.") ? "Custom: " + field.substring("custom.".length())
					: FieldSync.LABELS.get(field);
			list.add(new Field(field, label, fields.names().get(field), policy.value(), policy.label()));
		}
		return list;
	}

	private FieldSync.Fields synced(Tenant tenant, String crm) {
		CrmRepository.ConnectionRow row = connections.connection(tenant.workspaceId(), crm)
			.orElseThrow(() -> new NotFoundProblem(
					HubSpotConnections.CRM.equals(crm) ? "HubSpot connection" : "Salesforce connection"));
		return sync.fields(tenant.workspaceId(), crm, row.fieldMap());
	}

}
