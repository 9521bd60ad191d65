package com.penguinmails.identity.internal;

import org.springframework.http.HttpStatus;

import com.penguinmails.shared.Problem;

/** The system SMTP server did not take an account email. */
class MailDeliveryProblem extends Problem {

	MailDeliveryProblem() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "mail-unavailable",
				"We could not send the email right now. Please try again in a few minutes.");
	}

}
