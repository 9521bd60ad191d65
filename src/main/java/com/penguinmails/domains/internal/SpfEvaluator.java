package com.penguinmails.domains.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.SPF;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Type;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.SpfEvaluation;

/**
 * Evaluates SPF for real with Apache James jSPF (RFC 7208 check_host: includes,
 * redirects, a, mx, macros, the 10-look-up limit) over the same resolvers as
 * verification.
 */
@Component
class SpfEvaluator {

	private final DnsClient dns;

	SpfEvaluator(DnsClient dns) {
		this.dns = dns;
	}

	SpfEvaluation evaluate(String host, String domain) {
		List<String> ips = new ArrayList<>();
		String value = host.strip();
		if (value.matches("[0-9.]+") || value.contains(":")) {
			ips.add(value);
		}
		else {
			dns.query(value, Type.A)
				.records()
				.stream()
				.filter(r -> r instanceof ARecord)
				.forEach(r -> ips.add(((ARecord) r).getAddress().getHostAddress()));
			dns.query(value, Type.AAAA)
				.records()
				.stream()
				.filter(r -> r instanceof AAAARecord)
				.forEach(r -> ips.add(((AAAARecord) r).getAddress().getHostAddress()));
		}
		SPF spf = new SPF(new DNSServiceXBillImpl(dns.resolver()));
		List<SpfEvaluation.Result> results = new ArrayList<>();
		for (String ip : ips) {
			SPFResult result = spf.checkSPF(ip, "postmaster@" + domain, domain);
			results.add(new SpfEvaluation.Result(ip, result.getResult(), result.getExplanation()));
		}
		return new SpfEvaluation(host, results);
	}

}
