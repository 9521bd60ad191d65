package com.penguinmails.reputation.internal.dmarc;

import java.util.List;
import java.util.Optional;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.inbound.DmarcReportMail;
import com.penguinmails.inbound.DmarcReportReceived;
import com.penguinmails.reputation.DmarcFileEntry.Origin;

/**
 * Reads the DMARC aggregate reports inbound recognised in a reports mailbox: the
 * message's attachments (or the XML in its body), stored like an upload.
 */
@Component
class DmarcMailListener {

	private final DmarcReportMail mail;

	private final DmarcIngest ingest;

	DmarcMailListener(DmarcReportMail mail, DmarcIngest ingest) {
		this.mail = mail;
		this.ingest = ingest;
	}

	@ApplicationModuleListener
	void on(DmarcReportReceived event) {
		Optional<byte[]> raw = mail.raw(event.workspaceId(), event.inboundId());
		List<ReportFile> files = raw.map(AggregateReports::fromMessage)
			.orElse(List.of(new ReportFile.Malformed("message",
					"the message was over the size limit: only its headers were read")));
		ingest.ingest(event.workspaceId(), Origin.MAILBOX, event.inboundId(), raw.orElse(new byte[0]), files);
	}

}
