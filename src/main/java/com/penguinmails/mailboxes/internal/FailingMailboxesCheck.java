package com.penguinmails.mailboxes.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.MailboxPause;
import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.SystemChecks;

/**
 * Mailboxes failing, over every workspace, on the system status page: in error, or paused
 * by PenguinMails itself (complaints, refusals).
 */
@Component
class FailingMailboxesCheck implements SystemCheck {

	private final JdbcClient jdbc;

	FailingMailboxesCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "mailboxes.failing";
	}

	@Override
	public String title() {
		return "Mailboxes failing";
	}

	@Override
	public Result run() {
		return jdbc.sql("""
				SELECT count(*) AS n, count(DISTINCT workspace_id) AS w FROM mailboxes
				WHERE status = 'error' OR (status = 'paused' AND paused_by = ?)""")
			.param(MailboxPause.AUTOMATIC)
			.query((rs, i) -> SystemChecks.broken(rs.getLong("n"), rs.getLong("w"), "mailbox", "mailboxes",
					"in error or paused by PenguinMails",
					"Members of those workspaces open Mailboxes: each failing mailbox says its last error or why it "
							+ "was paused (a changed password, a provider's block, complaints); fix it, test it, resume it."))
			.single();
	}

}
