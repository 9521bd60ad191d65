package com.penguinmails.inbound.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import com.penguinmails.inbound.Inbox;
import com.penguinmails.shared.Tenancy;

/**
 * The mail history on a contact's page: a fragment the contact page loads, so contacts
 * need not know about inbound mail.
 */
@Controller
class ContactHistoryController {

	private final Inbox inbox;

	private final Tenancy tenancy;

	ContactHistoryController(Inbox inbox, Tenancy tenancy) {
		this.inbox = inbox;
		this.tenancy = tenancy;
	}

	@GetMapping("/inbox/contacts/{contactId}")
	String history(@PathVariable UUID contactId, Model model) {
		model.addAttribute("history", inbox.history(tenancy.current(), contactId));
		return "inbox/contact-history :: history";
	}

}
