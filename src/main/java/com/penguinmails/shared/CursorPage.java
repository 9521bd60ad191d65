package com.penguinmails.shared;

import java.util.List;

/**
 * One page of a list in the API. {@code nextCursor} is opaque to clients: pass it back as
 * {@code ?cursor=} for the next page; it is null on the last page.
 */
public record CursorPage<T>(List<T> data, String nextCursor) {

	public static <T> CursorPage<T> of(List<T> data) {
		return new CursorPage<>(data, null);
	}

}
