package com.penguinmails.mailboxes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.internal.ProviderFeedRepository;
import com.penguinmails.mailboxes.internal.ProviderTransports;

/**
 * The sending providers' own records of what became of our mail, for reconciling them
 * with what their webhooks said: the provider accounts whose lists can be read (Postmark
 * servers and Mailgun domains, from mailboxes' own transports and workspace sending
 * providers; Amazon SES keeps no list, its events only go to SNS) and their failures and
 * complaints over a period. Credentials stay in this module: an {@link Account} names
 * where they are kept, never what they are.
 */
@Component
public class ProviderEventFeeds {

	/**
	 * Pages read per account and call, at most (Mailgun 300 events a page, Postmark 500).
	 */
	public static final int MAX_PAGES = 40;

	/**
	 * One provider account of a workspace.
	 *
	 * @param key a fingerprint of the account (kind, domain, region and a hash of the
	 * credentials): mailboxes sharing one account share it
	 * @param kind {@link TransportKind#POSTMARK} or {@link TransportKind#MAILGUN}
	 * @param label its name on the page (a sending provider's name, or the provider and
	 * the first mailbox using it)
	 * @param owner where its credentials are kept ({@code mailbox:<id>} or
	 * {@code provider:<id>})
	 */
	public record Account(UUID workspaceId, String key, TransportKind kind, String label, String owner) {
	}

	private final ProviderFeedRepository repository;

	private final ProviderTransports transports;

	ProviderEventFeeds(ProviderFeedRepository repository, ProviderTransports transports) {
		this.repository = repository;
		this.transports = transports;
	}

	/** Every workspace's accounts, one per fingerprint. */
	public List<Account> accounts() {
		return distinct(repository.owners());
	}

	/** The workspace's accounts, one per fingerprint. */
	public List<Account> accounts(UUID workspaceId) {
		return distinct(repository.owners(workspaceId));
	}

	/**
	 * The account's failures and complaints from {@code since} to {@code until}, oldest
	 * first where the provider orders them, each in the shape of the provider's webhook
	 * body (Mailgun {@code {"event-data": ...}}, Postmark a bounce with
	 * {@code RecordType}).
	 * @throws SmtpConnectionFailed the account's credentials are gone or refused, or the
	 * provider cannot be reached or answered an error (in words)
	 */
	public List<JsonNode> events(Account account, Instant since, Instant until) throws SmtpConnectionFailed {
		ProviderFeedRepository.Owner owner = repository.owner(account.workspaceId(), account.owner())
			.orElseThrow(() -> new SmtpConnectionFailed("credentials",
					account.label() + " is no longer set up in this workspace."));
		return transports.events(owner.context(), owner.provider(), since, until, MAX_PAGES);
	}

	private List<Account> distinct(List<ProviderFeedRepository.Owner> owners) {
		Map<String, Account> accounts = new LinkedHashMap<>();
		for (ProviderFeedRepository.Owner owner : owners) {
			String key = transports.account(owner.context(), owner.provider());
			accounts.putIfAbsent(owner.workspaceId() + " " + key,
					new Account(owner.workspaceId(), key, owner.provider().kind(), owner.label(), owner.owner()));
		}
		return new ArrayList<>(accounts.values());
	}

}
