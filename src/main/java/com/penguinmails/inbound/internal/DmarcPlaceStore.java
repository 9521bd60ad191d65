package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.inbound.DmarcReportMail;

/** The table of DMARC report places (V55) and the raw bytes of stored reports. */
@Repository
public class DmarcPlaceStore {

	private final JdbcClient jdbc;

	DmarcPlaceStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<DmarcReportMail.Place> places(UUID workspaceId) {
		return jdbc
			.sql("SELECT mailbox_id, folder FROM inbound_dmarc_places WHERE workspace_id = ? ORDER BY created_at")
			.param(workspaceId)
			.query((rs, i) -> new DmarcReportMail.Place(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
	}

	/** The folder reports are read from in the mailbox, if it is a place of reports. */
	public Optional<String> folder(UUID mailboxId) {
		return jdbc.sql("SELECT folder FROM inbound_dmarc_places WHERE mailbox_id = ?")
			.param(mailboxId)
			.query(String.class)
			.optional();
	}

	public void set(UUID workspaceId, UUID mailboxId, String folder, Instant now) {
		jdbc.sql("""
				INSERT INTO inbound_dmarc_places (mailbox_id, workspace_id, folder, created_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (mailbox_id) DO UPDATE SET folder = EXCLUDED.folder
				WHERE inbound_dmarc_places.workspace_id = EXCLUDED.workspace_id""")
			.params(mailboxId, workspaceId, folder, Timestamp.from(now))
			.update();
	}

	public void clear(UUID workspaceId, UUID mailboxId) {
		jdbc.sql("DELETE FROM inbound_dmarc_places WHERE workspace_id = ? AND mailbox_id = ?")
			.params(workspaceId, mailboxId)
			.update();
	}

	public Optional<byte[]> raw(UUID workspaceId, UUID inboundId) {
		return jdbc
			.sql("SELECT raw FROM inbound_messages WHERE workspace_id = ? AND id = ? AND kind = 'dmarc_report'"
					+ " AND raw IS NOT NULL")
			.params(workspaceId, inboundId)
			.query(byte[].class)
			.optional();
	}

}
