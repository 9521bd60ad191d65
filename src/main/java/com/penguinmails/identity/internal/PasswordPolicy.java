package com.penguinmails.identity.internal;

import java.util.List;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * At least 10 characters and a zxcvbn score of 3 or more, judged with the user's own
 * details.
 */
@Component
public class PasswordPolicy {

	static final int MIN_LENGTH = 10;

	static final int MIN_SCORE = 3;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	public void check(String password, String... userInputs) {
		if (password == null || password.length() < MIN_LENGTH) {
			throw new InvalidInputProblem("weak-password",
					"The password must have at least " + MIN_LENGTH + " characters.");
		}
		if (password.length() > 200) {
			throw new InvalidInputProblem("weak-password", "The password must have at most 200 characters.");
		}
		Strength strength = zxcvbn.measure(password, List.of(userInputs));
		if (strength.getScore() < MIN_SCORE) {
			String hint = strength.getFeedback().getWarning();
			String suggestion = String.join(" ", strength.getFeedback().getSuggestions());
			throw new InvalidInputProblem("weak-password",
					("The password is too easy to guess. " + hint + " " + suggestion).trim());
		}
	}

}
