package com.penguinmails.warmup.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import com.penguinmails.inbound.WarmupFilter;
import com.penguinmails.warmup.WarmupTokens;

/**
 * Tells warmup mail from correspondence, for inbound ({@link WarmupFilter}) and the
 * receiving side alike: a message is warmup mail when it carries a token (in the
 * {@code X-PenguinMails-Warmup} header or anywhere in its text, quoted text included)
 * that {@code warmup_messages} holds for a message the mailbox sent or received, or when
 * its In-Reply-To or References name such a message (a reply typed by hand in a warmup
 * thread), or when it is a bounce or feedback report about such a message. The header
 * being present, or a token-shaped text, is never enough alone.
 */
@Component
public class WarmupRecognition implements WarmupFilter {

	private final ReceivingRepository repository;

	WarmupRecognition(ReceivingRepository repository) {
		this.repository = repository;
	}

	@Override
	public boolean isWarmup(UUID mailboxId, Candidate candidate) {
		Set<String> tokens = tokens(header(candidate.message()), candidate.text(), candidate.html());
		List<String> ids = new ArrayList<>(ids(candidate.messageId(), candidate.inReplyTo(), candidate.references()));
		if (candidate.reported() != null) {
			ids.addAll(candidate.reported());
		}
		return repository.known(mailboxId, tokens, ids);
	}

	/** Whether the tokens or ids are of a warmup message the mailbox sent or received. */
	public boolean known(UUID mailboxId, Collection<String> tokens, Collection<String> ids) {
		return repository.known(mailboxId, tokens, ids);
	}

	/** The tokens in the texts (nulls skipped), in order of first occurrence. */
	public static Set<String> tokens(String... texts) {
		Set<String> tokens = new LinkedHashSet<>();
		for (String text : texts) {
			tokens.addAll(WarmupTokens.find(text));
		}
		return tokens;
	}

	/** The Message-IDs a message names: its own, In-Reply-To's and References'. */
	public static List<String> ids(String messageId, String inReplyTo, Collection<String> references) {
		List<String> ids = new ArrayList<>();
		if (messageId != null) {
			ids.add(messageId.strip());
		}
		if (inReplyTo != null) {
			ids.addAll(split(inReplyTo));
		}
		if (references != null) {
			references.forEach(r -> ids.addAll(split(r)));
		}
		return List.copyOf(new LinkedHashSet<>(ids));
	}

	/** The {@code <id>} items of a header value (RFC 5322 §3.6.4 msg-id list). */
	public static List<String> split(String value) {
		List<String> ids = new ArrayList<>();
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("<[^<>\\s]+>").matcher(value);
		while (matcher.find()) {
			ids.add(matcher.group());
		}
		return ids;
	}

	/** The token header's value, or null. */
	public static String header(MimeMessage message) {
		if (message == null) {
			return null;
		}
		try {
			return message.getHeader(WarmupTokens.HEADER, " ");
		}
		catch (MessagingException ex) {
			return null;
		}
	}

}
