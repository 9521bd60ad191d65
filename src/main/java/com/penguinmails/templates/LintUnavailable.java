package com.penguinmails.templates;

import org.springframework.http.HttpStatus;

import com.penguinmails.shared.Problem;

/**
 * A lint check that needs a tool this installation lacks or that failed to run (503):
 * {@code spamassassin-not-installed}, {@code spamassassin-failed}.
 */
public class LintUnavailable extends Problem {

	public LintUnavailable(String type, String message) {
		super(HttpStatus.SERVICE_UNAVAILABLE, type, message);
	}

}
