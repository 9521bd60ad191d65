package com.penguinmails.tracking;

/**
 * How a click's request through a tracked link was made, which tells a person's
 * navigation from a machine's fetch: a HEAD request or a prefetch (Fetch Metadata's
 * {@code Sec-Purpose}) is a machine's.
 *
 * @param method the HTTP method ({@code GET}, {@code HEAD})
 * @param purpose what the client said the fetch is for, from {@code Sec-Purpose},
 * {@code Purpose} or {@code X-Moz} (e.g. {@code prefetch}); null for a navigation
 */
public record ClickFetch(String method, String purpose) {

	/** A plain GET: a navigation. */
	public static final ClickFetch NAVIGATION = new ClickFetch("GET", null);

}
