package com.penguinmails.system.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.system.SystemStatusReport.Node;

/**
 * Every node seen in the last 7 days is alive (a heartbeat in the last 2 minutes), and
 * the live nodes together run the loops sending needs (the campaign scheduler and the
 * dispatcher).
 */
@Component
class NodesCheck implements SystemCheck {

	static final List<String> ESSENTIAL = List.of("scheduler", "dispatcher");

	private final SystemRepository repository;

	private final Clock clock;

	NodesCheck(SystemRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "nodes";
	}

	@Override
	public String title() {
		return "Every node alive";
	}

	@Override
	public Result run() {
		Instant now = clock.instant();
		List<Node> nodes = repository.nodes(now);
		List<Node> alive = nodes.stream().filter(Node::alive).toList();
		List<Node> down = nodes.stream().filter(n -> !n.alive()).toList();
		TreeSet<String> runs = new TreeSet<>();
		alive.forEach(n -> runs.addAll(n.runs()));
		List<String> missing = ESSENTIAL.stream().filter(l -> !runs.contains(l)).toList();
		var figures = Words.figures("alive", alive.size(), "down", down.size(), "runs", List.copyOf(runs));
		if (alive.isEmpty()) {
			return Result
				.failing("No node has sent a heartbeat in the last 2 minutes.",
						"Start PenguinMails again, or check that its nodes reach the database; a node writes its "
								+ "heartbeat every 30 s unless PENGUINMAILS_SYSTEM_HEARTBEAT_ENABLED is false.",
						figures);
		}
		String summary = Words.count(alive.size(), "node", "nodes") + " alive, running "
				+ (runs.isEmpty() ? "no background loop" : String.join(", ", runs)) + ".";
		if (!down.isEmpty()) {
			Node last = down.get(0);
			return Result.warning(
					summary + " Down: " + String.join(", ", down.stream().map(Node::hostname).distinct().toList())
							+ " (last seen " + Words.duration(Duration.between(last.lastSeenAt(), now)) + " ago).",
					"Restart the node that is down, or, if it was retired on purpose, ignore it: its row is forgotten "
							+ "7 days after its last heartbeat.",
					figures);
		}
		if (!missing.isEmpty()) {
			return Result.warning(summary + " No live node runs " + String.join(" or ", missing) + ".",
					"Enable it on at least one node (PENGUINMAILS_SCHEDULER_ENABLED, PENGUINMAILS_DISPATCHER_ENABLED):"
							+ " without them campaigns queue and send nothing.",
					figures);
		}
		return Result.ok(summary, figures);
	}

}
