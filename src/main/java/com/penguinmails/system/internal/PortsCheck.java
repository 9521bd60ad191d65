package com.penguinmails.system.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.system.internal.PortProbe.PortResult;
import com.penguinmails.system.internal.PortProbe.Probe;

/**
 * Outbound SMTP ports reachable from this node ({@link PortProbe}): warning when one is
 * not, failing when none is.
 */
@Component
class PortsCheck implements SystemCheck {

	static final String PORT_25 = "Many clouds block port 25: ask your provider to open it, or send through a relay "
			+ "or a provider's API (a mailbox's submission server on 587 or 465, Postmark, Mailgun, Amazon SES).";

	private final PortProbe probe;

	PortsCheck(PortProbe probe) {
		this.probe = probe;
	}

	@Override
	public String key() {
		return "network.smtp-ports";
	}

	@Override
	public String title() {
		return "Outbound SMTP ports";
	}

	@Override
	public Result run() {
		return judge(probe.probe());
	}

	/** The outcome of a probe. */
	static Result judge(Probe probe) {
		List<PortResult> closed = probe.ports().stream().filter(p -> !p.reachable()).toList();
		List<PortResult> open = probe.ports().stream().filter(PortResult::reachable).toList();
		var figures = Words.figures("host", probe.host(), "reachable", ports(open), "unreachable", ports(closed),
				"probed_at", probe.at().toString());
		if (closed.isEmpty()) {
			return Result.ok("Ports " + join(open) + " of " + probe.host() + " are reachable from this node.", figures);
		}
		String summary = "Port" + (closed.size() == 1 ? " " : "s ") + join(closed) + " of " + probe.host()
				+ (closed.size() == 1 ? " is" : " are") + " unreachable from this node (" + errors(closed) + ")"
				+ (open.isEmpty() ? "." : "; " + join(open) + " reachable.");
		boolean port25 = closed.stream().anyMatch(p -> p.port() == 25);
		String whatToDo = (port25 ? PORT_25 + " " : "")
				+ "Check this machine's firewall and the network's outbound rules for the ports named; the result "
				+ "is kept 15 minutes.";
		return open.isEmpty() ? Result.failing(summary, whatToDo, figures) : Result.warning(summary, whatToDo, figures);
	}

	/** Why the ports failed: once when they all failed alike, else per port. */
	private static String errors(List<PortResult> closed) {
		if (closed.stream().map(PortResult::error).distinct().count() == 1) {
			return closed.get(0).error();
		}
		return closed.stream().map(p -> p.port() + ": " + p.error()).collect(Collectors.joining("; "));
	}

	private static List<Integer> ports(List<PortResult> results) {
		return results.stream().map(PortResult::port).toList();
	}

	private static String join(List<PortResult> results) {
		return results.stream().map(p -> String.valueOf(p.port())).collect(Collectors.joining(", "));
	}

}
