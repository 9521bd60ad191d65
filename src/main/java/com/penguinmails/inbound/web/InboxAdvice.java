package com.penguinmails.inbound.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.penguinmails.inbound.Inbox;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;

/** The count of conversations with unread replies, for the top bar of every page. */
@ControllerAdvice(annotations = Controller.class)
class InboxAdvice {

	private final Inbox inbox;

	private final Tenancy tenancy;

	InboxAdvice(Inbox inbox, Tenancy tenancy) {
		this.inbox = inbox;
		this.tenancy = tenancy;
	}

	@ModelAttribute("unreadInbox")
	Long unreadInbox() {
		return tenancy.find().filter(t -> !t.viaApiKey()).map(tenant -> {
			try {
				return inbox.unread(tenant);
			}
			catch (Problem problem) {
				return null;
			}
		}).orElse(null);
	}

}
