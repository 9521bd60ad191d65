package com.penguinmails.shared;

/**
 * An enum kept in the database (and shown in the API) as a lowercase string: statuses,
 * states and kinds. The repositories map the string and the constant both ways.
 */
public interface StoredValue {

	/** The stored (and API) form, e.g. {@code active}. */
	String value();

	/**
	 * The constant of {@code type} stored as {@code value}, read without regard to case
	 * or surrounding spaces (a person may type "Unsubscribed ").
	 * @throws IllegalArgumentException for null or a string no constant has
	 */
	static <E extends Enum<E> & StoredValue> E of(Class<E> type, String value) {
		String wanted = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
		for (E constant : type.getEnumConstants()) {
			if (constant.value().equals(wanted)) {
				return constant;
			}
		}
		throw new IllegalArgumentException("Unknown " + type.getSimpleName() + ": " + value);
	}

}
