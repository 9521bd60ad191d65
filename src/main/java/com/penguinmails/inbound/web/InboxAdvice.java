package com.penguinmails.inbound.web;

import org.thymeleaf.context.LazyContextVariable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.penguinmails.inbound.Inbox;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;

/**
 * The count of conversations with unread replies, for the top bar of every page: counted
 * only when a page's layout shows it (a Thymeleaf lazy variable), so fragments (the
 * inbox's list refresh, its pane) and form posts that redirect do not count.
 */
@ControllerAdvice(annotations = Controller.class)
class InboxAdvice {

	private final Inbox inbox;

	private final Tenancy tenancy;

	InboxAdvice(Inbox inbox, Tenancy tenancy) {
		this.inbox = inbox;
		this.tenancy = tenancy;
	}

	@ModelAttribute("unreadInbox")
	LazyContextVariable<Long> unreadInbox() {
		return new LazyContextVariable<>() {

			@Override
			protected Long loadValue() {
				return tenancy.find().filter(t -> !t.viaApiKey()).map(tenant -> {
					try {
						return inbox.unread(tenant);
					}
					catch (Problem problem) {
						return null;
					}
				}).orElse(null);
			}

		};
	}

}
