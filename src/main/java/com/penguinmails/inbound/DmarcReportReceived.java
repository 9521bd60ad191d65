package com.penguinmails.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * A message recognised as a DMARC aggregate report (RFC 7489 §7.2.1.1, RFC 9990) was
 * stored; its bytes are read with {@link DmarcReportMail#raw(UUID, UUID)}.
 *
 * @param inboundId the stored inbound message
 * @param receivedAt when it arrived in the mailbox
 */
public record DmarcReportReceived(UUID workspaceId, UUID mailboxId, UUID inboundId, Instant receivedAt) {
}
