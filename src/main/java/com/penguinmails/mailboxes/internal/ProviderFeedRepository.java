package com.penguinmails.mailboxes.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.mailboxes.TransportKind;

/**
 * Where provider credentials are kept, for reading the providers' own event lists: a
 * mailbox's own provider transport and a workspace's sending providers, of the kinds that
 * keep such a list (Postmark, Mailgun).
 */
@Repository
public class ProviderFeedRepository {

	/**
	 * One place credentials are kept.
	 *
	 * @param owner {@code mailbox:<id>} or {@code provider:<id>}
	 * @param context the secrets' encryption context
	 * @param label what the page calls it: the provider's name, or the provider and the
	 * mailbox's address
	 */
	public record Owner(UUID workspaceId, String owner, String context, String label,
			MailboxRepository.Provider provider) {
	}

	private static final String OWNERS = """
			SELECT 'mailbox:' || id AS owner, id, workspace_id, transport AS kind, provider_stream AS stream,
			    provider_domain AS domain, provider_region AS region, provider_credentials AS credentials,
			    email AS label, TRUE AS mailbox
			FROM mailboxes WHERE transport IN ('postmark', 'mailgun') AND provider_credentials IS NOT NULL
			UNION ALL
			SELECT 'provider:' || id, id, workspace_id, kind, stream, domain, region, credentials, name, FALSE
			FROM sending_providers WHERE kind IN ('postmark', 'mailgun')""";

	private final JdbcClient jdbc;

	ProviderFeedRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every owner in every workspace, sending providers first. */
	public List<Owner> owners() {
		return jdbc.sql("SELECT * FROM (" + OWNERS + ") o ORDER BY workspace_id, mailbox, owner")
			.query(ProviderFeedRepository::owner)
			.list();
	}

	/** The workspace's owners, sending providers first. */
	public List<Owner> owners(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM (" + OWNERS + ") o WHERE workspace_id = ? ORDER BY mailbox, owner")
			.param(workspaceId)
			.query(ProviderFeedRepository::owner)
			.list();
	}

	/** One owner, if it still exists with a provider that keeps a list. */
	public Optional<Owner> owner(UUID workspaceId, String owner) {
		return jdbc.sql("SELECT * FROM (" + OWNERS + ") o WHERE workspace_id = ? AND owner = ?")
			.params(workspaceId, owner)
			.query(ProviderFeedRepository::owner)
			.optional();
	}

	private static Owner owner(ResultSet rs, int i) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		boolean mailbox = rs.getBoolean("mailbox");
		TransportKind kind = TransportKind.of(rs.getString("kind"));
		MailboxRepository.Provider provider = new MailboxRepository.Provider(kind, rs.getString("stream"),
				rs.getString("domain"), rs.getString("region"), rs.getBytes("credentials"), false);
		String label = mailbox ? kind.label() + " of mailbox " + rs.getString("label") : rs.getString("label");
		return new Owner(rs.getObject("workspace_id", UUID.class), rs.getString("owner"),
				mailbox ? ProviderTransports.mailboxContext(id) : ProviderTransports.sendingProviderContext(id), label,
				provider);
	}

}
