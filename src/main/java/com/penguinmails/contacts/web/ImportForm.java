package com.penguinmails.contacts.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.contacts.ContactImports;
import com.penguinmails.shared.NotFoundProblem;

/**
 * The mapping step's form: the staged upload's token, how to read it, what to do with
 * existing contacts ({@code duplicates}: {@code update} or {@code skip}), the list to
 * join (an existing one's id, or a new one's name), the MX check, and, read apart, each
 * header's field as {@code map:<header>}.
 *
 * @param detectedEncoding the encoding the upload step told from the bytes, posted back
 * so that the same name unchanged still counts as detected rather than named
 */
record ImportForm(String token, String delimiter, String encoding, String detectedEncoding, String duplicates,
		String listId, String newList, Boolean checkMx) {

	/** The prefix of a header's mapping parameter. */
	static final String MAP = "map:";

	ImportForm {
		token = token == null ? "" : token;
		delimiter = delimiter == null ? "auto" : delimiter;
		duplicates = duplicates == null ? "update" : duplicates;
		checkMx = checkMx != null && checkMx;
	}

	/** The name of a new list to create, or null. */
	String newListName() {
		return newList == null || newList.isBlank() ? null : newList;
	}

	/**
	 * The existing list chosen, or null.
	 * @throws NotFoundProblem when it is not a list id
	 */
	UUID existingList() {
		if (listId == null || listId.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(listId);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundProblem("List");
		}
	}

	/** The import's options, joining the list {@code list} (or none). */
	ContactImports.Options options(Map<String, String> params, UUID list) {
		Map<String, String> mapping = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith(MAP)) {
				mapping.put(key.substring(MAP.length()), value);
			}
		});
		// The detected encoding posted back unchanged is still detected, not named.
		String named = (encoding != null && encoding.strip().equalsIgnoreCase(detectedEncoding)) ? null : encoding;
		return new ContactImports.Options(ContactsController.separator(delimiter), !"skip".equals(duplicates), mapping,
				list, checkMx, named);
	}

}
