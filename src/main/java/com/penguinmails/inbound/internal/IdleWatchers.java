package com.penguinmails.inbound.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.inbound.InboundSync;
import com.penguinmails.mailboxes.MailboxRef;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;

/**
 * One IDLE watcher per mailbox (up to {@code penguinmails.inbound.idle-connections} on
 * this node), kept in step with the mailboxes every minute: new mailboxes are watched,
 * removed or paused ones are not. New mail makes the mailbox due for the next sync round
 * of any node.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.inbound.idle", havingValue = "true", matchIfMissing = true)
class IdleWatchers implements DisposableBean {

	private final Mailboxes mailboxes;

	private final InboundSync sync;

	private final InboundProperties properties;

	private final Map<UUID, IdleWatcher> watching = new ConcurrentHashMap<>();

	private final Set<UUID> unsupported = ConcurrentHashMap.newKeySet();

	IdleWatchers(Mailboxes mailboxes, InboundSync sync, InboundProperties properties) {
		this.mailboxes = mailboxes;
		this.sync = sync;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "PT15S", fixedDelayString = "PT1M")
	void reconcile() {
		List<MailboxRef> all = mailboxes.all();
		Set<UUID> wanted = new HashSet<>();
		for (MailboxRef mailbox : all) {
			if (mailbox.status() != MailboxStatus.PAUSED && !unsupported.contains(mailbox.id())
					&& wanted.size() < properties.idleConnections()) {
				wanted.add(mailbox.id());
			}
		}
		watching.forEach((id, watcher) -> {
			if (watcher.unsupported()) {
				unsupported.add(id);
			}
			if (!wanted.contains(id) || watcher.unsupported()) {
				watcher.stop();
				watching.remove(id);
			}
		});
		for (MailboxRef mailbox : all) {
			if (wanted.contains(mailbox.id()) && !watching.containsKey(mailbox.id())) {
				IdleWatcher watcher = new IdleWatcher(mailboxes, mailbox.workspaceId(), mailbox.id(),
						() -> sync.wake(mailbox.id()));
				watching.put(mailbox.id(), watcher);
				Thread thread = new Thread(watcher, "imap-idle-" + mailbox.email());
				thread.setDaemon(true);
				thread.start();
			}
		}
	}

	@Override
	public void destroy() {
		watching.values().forEach(IdleWatcher::stop);
		watching.clear();
	}

}
