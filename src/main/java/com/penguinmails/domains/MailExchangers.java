package com.penguinmails.domains;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import org.springframework.stereotype.Service;

import com.penguinmails.domains.internal.DnsClient;
import com.penguinmails.domains.internal.DnsClient.Answer;

/**
 * Whether a domain takes mail, for checks of contact addresses, and which hosts take it,
 * for knowing a recipient's provider: through the configured resolvers, like every other
 * DNS question.
 */
@Service
public class MailExchangers {

	private final DnsClient dns;

	MailExchangers(DnsClient dns) {
		this.dns = dns;
	}

	/**
	 * True when the domain has an MX (or, without one, an A record: the implicit MX of
	 * RFC 5321); false when it does not exist, publishes a null MX (RFC 7505) or has
	 * neither; empty when DNS did not answer.
	 */
	public Optional<Boolean> acceptsMail(String domain) {
		Answer mx = dns.query(domain, Type.MX);
		if (mx.status() == Answer.Status.TIMEOUT) {
			return Optional.empty();
		}
		if (mx.status() == Answer.Status.NXDOMAIN) {
			return Optional.of(false);
		}
		boolean anyMx = false;
		for (Record record : mx.records()) {
			if (record instanceof MXRecord exchanger) {
				anyMx = true;
				if (!exchanger.getTarget().equals(org.xbill.DNS.Name.root)) {
					return Optional.of(true);
				}
			}
		}
		if (anyMx) {
			return Optional.of(false);
		}
		Answer a = dns.query(domain, Type.A);
		if (a.status() == Answer.Status.TIMEOUT) {
			return Optional.empty();
		}
		return Optional.of(a.status() == Answer.Status.OK && !a.records().isEmpty());
	}

	/**
	 * The domain's MX hosts (RFC 5321 §5.1), lower case without the trailing dot, by
	 * preference (lowest first); empty list when it has none (or only a null MX, RFC
	 * 7505); empty when DNS did not answer.
	 */
	public Optional<List<String>> hosts(String domain) {
		Answer mx = dns.query(domain, Type.MX);
		if (mx.status() == Answer.Status.TIMEOUT) {
			return Optional.empty();
		}
		List<MXRecord> exchangers = new ArrayList<>();
		for (Record record : mx.records()) {
			if (record instanceof MXRecord exchanger && !exchanger.getTarget().equals(org.xbill.DNS.Name.root)) {
				exchangers.add(exchanger);
			}
		}
		exchangers.sort((a, b) -> Integer.compare(a.getPriority(), b.getPriority()));
		return Optional
			.of(exchangers.stream().map(e -> e.getTarget().toString(true).toLowerCase(Locale.ROOT)).toList());
	}

}
