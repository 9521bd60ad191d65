package com.penguinmails.domains;

import java.util.Optional;

import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import org.springframework.stereotype.Service;

import com.penguinmails.domains.internal.DnsClient;
import com.penguinmails.domains.internal.DnsClient.Answer;

/**
 * Whether a domain takes mail, for checks of contact addresses: through the configured
 * resolvers, like every other DNS question.
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

}
