package com.penguinmails.dashboard.internal;

import com.penguinmails.shared.StoredValue;

/** What the sandbox demo created, as {@code dashboard_demo.kind} keeps it. */
public enum DemoKind implements StoredValue {

	MAILBOX("mailbox"), CONTACT("contact"), CAMPAIGN("campaign");

	private final String value;

	DemoKind(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return value;
	}

}
