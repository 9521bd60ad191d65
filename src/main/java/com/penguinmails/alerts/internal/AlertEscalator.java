package com.penguinmails.alerts.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.alerts.EscalationPolicy;

/**
 * Takes due escalation steps, on every node: in one transaction, claims open alerts whose
 * next step is due with {@code FOR UPDATE SKIP LOCKED} (another node skips them, so a
 * step is taken once), queues the next step's notification, moves the alert to it and
 * records "escalated" on its timeline. An acknowledged or resolved alert has no due step.
 */
@Component
public class AlertEscalator {

	private record Due(UUID id, UUID workspaceId, UUID policyId, int step, String severity) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PolicyRepository policies;

	private final AlertDispatch dispatch;

	private final AlertRepository alerts;

	AlertEscalator(JdbcClient jdbc, TransactionTemplate transactions, PolicyRepository policies, AlertDispatch dispatch,
			AlertRepository alerts) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.policies = policies;
		this.dispatch = dispatch;
		this.alerts = alerts;
	}

	/**
	 * Takes the steps due at {@code now} (at most 50 alerts).
	 * @return how many alerts moved to their next step
	 */
	public int escalateDue(Instant now) {
		Integer moved = transactions.execute(status -> {
			List<Due> due = jdbc.sql("""
					SELECT id, workspace_id, escalation_policy_id, escalation_step, severity FROM alerts
					WHERE next_escalation_at <= ? AND status = 'open'
					ORDER BY next_escalation_at LIMIT 50 FOR UPDATE SKIP LOCKED""")
				.param(Timestamp.from(now))
				.query((rs, i) -> new Due(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
						rs.getObject("escalation_policy_id", UUID.class), rs.getInt("escalation_step"),
						rs.getString("severity")))
				.list();
			int count = 0;
			for (Due alert : due) {
				count += step(alert, now) ? 1 : 0;
			}
			return count;
		});
		return moved == null ? 0 : moved;
	}

	private boolean step(Due alert, Instant now) {
		List<EscalationPolicy.Step> steps = policies.policy(alert.workspaceId(), alert.policyId())
			.map(EscalationPolicy::steps)
			.orElse(List.of());
		int next = alert.step() + 1;
		if (next > steps.size()) {
			move(alert, alert.step(), null);
			return false;
		}
		EscalationPolicy.Step step = steps.get(next - 1);
		dispatch.toStep(alert.workspaceId(), alert.id(), step, alert.severity(), now);
		Instant following = next < steps.size() ? now.plus(Duration.ofMinutes(steps.get(next).afterMinutes())) : null;
		move(alert, next, following);
		alerts.event(alert.workspaceId(), alert.id(), "escalated", "Not acknowledged after " + step.afterMinutes()
				+ " min: escalated to step " + next + " (" + step.target() + ")", now);
		return true;
	}

	private void move(Due alert, int step, Instant next) {
		jdbc.sql("UPDATE alerts SET escalation_step = ?, next_escalation_at = ? WHERE workspace_id = ? AND id = ?")
			.params(step, next == null ? null : Timestamp.from(next), alert.workspaceId(), alert.id())
			.update();
	}

}
