package com.penguinmails.contacts.web;

import com.penguinmails.contacts.SegmentDefinition.Condition;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * The scoring page's "add a rule" form: a name (blank: the condition in words), one
 * condition (field, op, value) and the points as typed.
 */
record ScoringRuleForm(String name, String field, String op, String value, String points) {

	ScoringRuleForm {
		name = name == null ? "" : name;
		field = field == null ? "" : field;
		op = op == null ? "" : op;
		value = value == null ? "" : value;
		points = points == null || points.isEmpty() ? "0" : points;
	}

	Condition condition() {
		return SegmentForm.condition(field, op, value);
	}

	/**
	 * @throws InvalidInputProblem {@code invalid-points} when it is not a whole number
	 */
	int parsedPoints() {
		try {
			return Integer.parseInt(points.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputProblem("invalid-points", "Points are a whole number from -1000 to 1000.");
		}
	}

}
