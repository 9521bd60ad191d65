package com.penguinmails.reputation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.reputation.internal.timeline.MailboxSubjects;
import com.penguinmails.reputation.internal.timeline.MailboxSubjects.Sender;
import com.penguinmails.reputation.internal.timeline.Subject;
import com.penguinmails.reputation.internal.timeline.Subjects;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * What a timeline's subject is tied to, for the links of its page: a domain's record in
 * the domains feature (its page and its DMARC page), the mailboxes sending from a domain
 * or IP, and a mailbox's domain and sending IP. Read from the workspace's domains and
 * mailboxes only.
 */
@Service
public class TimelineLinks {

	/**
	 * A mailbox on a timeline's page.
	 *
	 * @param id the mailbox's id (its page is {@code /mailboxes/{id}}, its timeline
	 * {@code /reputation/mailbox/{id}})
	 * @param email its address
	 */
	public record MailboxLink(UUID id, String email) {
	}

	/**
	 * The subject's ties.
	 *
	 * @param domainId the domain's id in the domains feature (the subject's domain, or
	 * the mailbox's), or null when the domain is not added there
	 * @param domain the domain's name (a domain or a mailbox's), or null for an IP
	 * @param ip a mailbox's sending IP, or null (unknown, or not a mailbox)
	 * @param mailboxes the mailboxes sending from the domain or IP (empty for a mailbox)
	 * @param ips the sending IPs of a domain's mailboxes (empty otherwise)
	 */
	public record Related(UUID domainId, String domain, String ip, List<MailboxLink> mailboxes, List<String> ips) {
	}

	private final MailboxSubjects senders;

	private final Domains domains;

	TimelineLinks(MailboxSubjects senders, Domains domains) {
		this.senders = senders;
		this.domains = domains;
	}

	/**
	 * The ties of the subject written as in a URL ({@code kind}, {@code key}).
	 * @throws com.penguinmails.shared.InvalidInputProblem (400) for a malformed subject
	 */
	public Related of(Tenant tenant, String kind, String key) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		Subject subject = Subjects.parse(kind, key);
		List<Sender> all = senders.senders(tenant.workspaceId());
		String domain = null;
		String ip = null;
		List<MailboxLink> mailboxes = new ArrayList<>();
		List<String> ips = new ArrayList<>();
		if (subject.kind() == Subject.Kind.MAILBOX) {
			Sender self = all.stream().filter(s -> s.under(subject)).findFirst().orElse(null);
			domain = self == null ? null : self.domain();
			ip = self == null ? null : self.ip();
		}
		else {
			domain = subject.kind() == Subject.Kind.DOMAIN ? subject.key() : null;
			all.stream()
				.filter(s -> s.under(subject))
				.forEach(s -> mailboxes.add(new MailboxLink(s.mailboxId(), s.email())));
			if (subject.kind() == Subject.Kind.DOMAIN) {
				all.stream()
					.filter(s -> s.under(subject))
					.map(Sender::ip)
					.filter(Objects::nonNull)
					.distinct()
					.sorted()
					.forEach(ips::add);
			}
		}
		return new Related(domainId(tenant, domain), domain, ip, List.copyOf(mailboxes), List.copyOf(ips));
	}

	private UUID domainId(Tenant tenant, String name) {
		if (name == null) {
			return null;
		}
		String wanted = name.toLowerCase(Locale.ROOT);
		// The domains feature's own read: the caller's workspace only.
		return domains.list(Tenant.system(tenant.workspaceId()))
			.stream()
			.filter(d -> d.name().toLowerCase(Locale.ROOT).equals(wanted))
			.map(Domain::id)
			.findFirst()
			.orElse(null);
	}

}
