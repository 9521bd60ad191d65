package com.penguinmails.library;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.penguinmails.shared.StoredValue;

/** The fixed categories of library entries, in the order the filter lists them. */
public enum LibraryCategory implements StoredValue {

	COLD_OUTREACH("cold-outreach", "Cold outreach"), FOLLOW_UP("follow-up", "Follow-up"),
	BREAK_UP("break-up", "Break-up"), MEETING_REQUEST("meeting-request", "Meeting request"),
	RE_ENGAGEMENT("re-engagement", "Re-engagement"), PARTNERSHIP("partnership", "Partnership"),
	RECRUITING("recruiting", "Recruiting"), EVENT_INVITATION("event-invitation", "Event invitation"),
	AGENCY_PROSPECTING("agency-prospecting", "Agency prospecting"),
	REFERRAL_INTRO("referral-intro", "Referral and intro"), CUSTOMER_FEEDBACK("customer-feedback", "Customer feedback"),
	WEBINAR("webinar", "Webinar"), PRODUCT_LAUNCH("product-launch", "Product launch"),
	SAAS_TRIAL("saas-trial", "SaaS trial"), LOCAL_BUSINESS("local-business", "Local business"),
	INVESTOR_OUTREACH("investor-outreach", "Investor outreach"), PODCAST_GUEST("podcast-guest", "Podcast guest"),
	LINK_BUILDING_PR("link-building-pr", "Link building and PR");

	private final String value;

	private final String label;

	LibraryCategory(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored, API and URL form, e.g. {@code cold-outreach}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The words a person reads, e.g. "Cold outreach". */
	public String label() {
		return label;
	}

	/**
	 * The category named {@code value}. @throws IllegalArgumentException for another
	 * value
	 */
	@JsonCreator
	public static LibraryCategory of(String value) {
		return StoredValue.of(LibraryCategory.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
