package com.penguinmails.webhooks.internal.endpoints;

import com.penguinmails.shared.StoredValue;

/**
 * A signing secret's kind (Standard Webhooks): {@code hmac} signs {@code v1,}
 * (HMAC-SHA256 with a {@code whsec_} secret), {@code ed25519} signs {@code v1a,}.
 */
public enum SecretKind implements StoredValue {

	HMAC("hmac"), ED25519("ed25519");

	private final String value;

	SecretKind(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return value;
	}

}
