package com.penguinmails.contacts.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.penguinmails.contacts.BulkAction;
import com.penguinmails.contacts.BulkEnrolment;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.shared.Tenancy;

/**
 * What the bulk bar ({@code contacts/bulk :: bar}) needs beyond the contacts page's own
 * model ({@code filter}, {@code matching}, {@code lists}, {@code tags}): the actions, the
 * statuses, and the campaigns that take recipients ({@code bulkCampaigns}, empty without
 * a {@link BulkEnrolment}).
 */
@ControllerAdvice(assignableTypes = ContactsTableController.class)
class BulkBarModel {

	private final ObjectProvider<BulkEnrolment> enrolment;

	private final Tenancy tenancy;

	BulkBarModel(ObjectProvider<BulkEnrolment> enrolment, Tenancy tenancy) {
		this.enrolment = enrolment;
		this.tenancy = tenancy;
	}

	@ModelAttribute
	void bar(Model model) {
		model.addAttribute("bulkActions", List.of(BulkAction.values()));
		model.addAttribute("bulkStatuses", List.of(ContactStatus.values()));
		BulkEnrolment campaigns = enrolment.getIfAvailable();
		model.addAttribute("bulkCampaigns",
				campaigns == null ? List.of() : campaigns.campaigns(tenancy.current().workspaceId()));
	}

}
