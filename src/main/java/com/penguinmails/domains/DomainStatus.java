package com.penguinmails.domains;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Where a domain stands in DNS verification. Stored in {@code domains.status} and
 * returned by the API as {@link #value()} (lower case).
 */
public enum DomainStatus implements StoredValue {

	/** Not every required record has verified yet. */
	PENDING("pending", "Pending"),
	/** Every required record (SPF, DKIM, DMARC) was found as expected. */
	VERIFIED("verified", "Verified"),
	/** A required record that verified before no longer does. */
	FAILING("failing", "Failing");

	private final String value;

	private final String label;

	DomainStatus(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form: {@code pending}, {@code verified} or {@code failing}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The stored form, so that text built from a status reads as before. */
	@Override
	public String toString() {
		return value;
	}

	/** Words a person reads, for pages. */
	public String label() {
		return label;
	}

	/**
	 * The status after a verification: verified when every required record is ok; as it
	 * was when DNS did not answer for one ({@code anyUnknown}); otherwise failing when
	 * the domain had verified before, else pending.
	 */
	public DomainStatus afterCheck(boolean allOk, boolean anyUnknown) {
		if (allOk) {
			return VERIFIED;
		}
		if (anyUnknown) {
			return this;
		}
		return this == VERIFIED || this == FAILING ? FAILING : PENDING;
	}

	/**
	 * The status stored as {@code value}.
	 * @throws IllegalArgumentException for any other string
	 */
	public static DomainStatus of(String value) {
		return StoredValue.of(DomainStatus.class, value);
	}

}
