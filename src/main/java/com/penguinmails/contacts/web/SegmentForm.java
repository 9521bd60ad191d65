package com.penguinmails.contacts.web;

import java.util.ArrayList;
import java.util.List;

import com.penguinmails.contacts.SegmentDefinition;
import com.penguinmails.contacts.SegmentDefinition.Condition;

/**
 * The segment editor's form: a name, {@code all} or {@code any}, the button pressed
 * ({@code save} or {@code more}), and the condition rows as parallel {@code field},
 * {@code op} and {@code value} parameters. A list condition's field is {@code list:<id>}.
 * Each value is bound whole, commas and all (see {@link SegmentsController}'s binder).
 */
record SegmentForm(String name, String match, String action, String[] field, String[] op, String[] value) {

	SegmentForm {
		name = name == null ? "" : name;
		match = "any".equals(match) ? "any" : "all";
		action = action == null || action.isEmpty() ? "save" : action;
		field = field == null ? new String[0] : field;
		op = op == null ? new String[0] : op;
		value = value == null ? new String[0] : value;
	}

	/** Whether the user asked for more empty rows rather than saving. */
	boolean wantsMoreRows() {
		return action.equals("more");
	}

	/** The rows as a definition; rows with no field are left out. */
	SegmentDefinition definition() {
		List<Condition> conditions = new ArrayList<>();
		for (int i = 0; i < field.length; i++) {
			if (field[i].isBlank()) {
				continue;
			}
			conditions.add(condition(field[i], i < op.length ? op[i] : "", i < value.length ? value[i] : ""));
		}
		return new SegmentDefinition(match, conditions);
	}

	/** A row's condition; a list choice ({@code list:<id>}) is a list condition. */
	static Condition condition(String field, String op, String value) {
		if (field.startsWith("list:")) {
			return new Condition("list", op, field.substring(5));
		}
		return new Condition(field, op, value);
	}

}
