package com.penguinmails.crm.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.crm.FieldPolicies;
import com.penguinmails.crm.HubSpotConnections;
import com.penguinmails.crm.SalesforceConnections;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenancy;

/**
 * The "When both sides changed a field" forms of the HubSpot and Salesforce pages: one
 * select per synced field, posted as {@code policy:<field>} → {@code crm},
 * {@code penguinmails} or {@code newest}. Admins only ({@link FieldPolicies#save}).
 */
@Controller
class FieldPolicyController {

	private static final String PREFIX = "policy:";

	private final FieldPolicies policies;

	private final Tenancy tenancy;

	FieldPolicyController(FieldPolicies policies, Tenancy tenancy) {
		this.policies = policies;
		this.tenancy = tenancy;
	}

	@PostMapping("/settings/crm/hubspot/field-policies")
	String hubspot(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		return save(HubSpotConnections.CRM, "/settings/crm", form, redirect);
	}

	@PostMapping("/settings/crm/salesforce/field-policies")
	String salesforce(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		return save(SalesforceConnections.CRM, SalesforceController.PAGE, form, redirect);
	}

	private String save(String crm, String page, Map<String, String> form, RedirectAttributes redirect) {
		Map<String, String> chosen = new LinkedHashMap<>();
		form.forEach((name, value) -> {
			if (name.startsWith(PREFIX)) {
				chosen.put(name.substring(PREFIX.length()), value);
			}
		});
		return FormAction.run(redirect, page, () -> {
			policies.save(tenancy.current(), crm, chosen);
			return FormAction.Done.notice("Field policies saved.");
		});
	}

}
