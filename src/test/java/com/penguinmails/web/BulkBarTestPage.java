package com.penguinmails.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.penguinmails.contacts.BulkAction;
import com.penguinmails.contacts.BulkEnrolment;
import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.ContactSelection;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.shared.Tenancy;

/**
 * A test-only page (src/test) with a contacts table whose rows carry the bulk bar's
 * checkboxes and the bar itself ({@code contacts/bulk :: bar}) with the model the
 * contacts page gives it, for {@link BulkJobBrowserTests}: the bar is tested before the
 * rewritten contacts page carries it.
 */
@Controller
class BulkBarTestPage {

	private final Contacts contacts;

	private final ContactSelection selection;

	private final Segments segments;

	private final ObjectProvider<BulkEnrolment> enrolment;

	private final Tenancy tenancy;

	BulkBarTestPage(Contacts contacts, ContactSelection selection, Segments segments,
			ObjectProvider<BulkEnrolment> enrolment, Tenancy tenancy) {
		this.contacts = contacts;
		this.selection = selection;
		this.segments = segments;
		this.enrolment = enrolment;
		this.tenancy = tenancy;
	}

	@GetMapping("/test/bulk-bar")
	String page(@RequestParam(required = false) String tag, Model model) {
		ContactFilter filter = new ContactFilter(null, null, tag, null, null);
		model.addAttribute("contacts", contacts.list(tenancy.current(), null, 5).data());
		model.addAttribute("filter", filter);
		model.addAttribute("matching", selection.count(tenancy.current(), filter));
		model.addAttribute("lists", segments.lists(tenancy.current()));
		model.addAttribute("tags", List.of("lead", "vip"));
		model.addAttribute("bulkActions", List.of(BulkAction.values()));
		model.addAttribute("bulkStatuses", List.of(ContactStatus.values()));
		model.addAttribute("bulkCampaigns", enrolment.getObject().campaigns(tenancy.current().workspaceId()));
		return "test/bulk-bar";
	}

}
