package com.penguinmails.contacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of the contacts table (and of {@code GET /api/v1/contacts}). The cursors are
 * opaque (base64url): pass one back as {@code ?cursor=} with the same filter and sort.
 *
 * @param data the contacts of the page, in the sort's order
 * @param nextCursor the page after this one, or null on the last page
 * @param previousCursor the page before this one, or null on the first page
 * @param total how many contacts match the filter, when it was asked for (else left out)
 */
public record ContactPage(List<Contact> data, String nextCursor, String previousCursor,
		@JsonInclude(JsonInclude.Include.NON_NULL) Long total) {
}
