package com.penguinmails.mailboxes;

/**
 * The mail provider of a recipient domain, for sending routes that match on it. Declared
 * here and implemented by reputation (which classifies domains by their MX hosts), as
 * mailboxes may not use reputation.
 */
public interface RecipientProviderResolver {

	/** What holds when no implementation is present: every domain is another receiver. */
	RecipientProviderResolver NONE = domain -> "other";

	/**
	 * The provider of {@code domain} (lower case): {@code google}, {@code microsoft},
	 * {@code yahoo}, or {@code other} (also when DNS does not answer).
	 */
	String providerOf(String domain);

}
