package com.penguinmails.inbound;

import java.util.UUID;

import com.penguinmails.shared.BounceReason;

/**
 * A receiving server refused one of a mailbox's messages for a reason about us (a block
 * list, our reputation, authentication, our sender address, our content): the recipient
 * is not suppressed, and the mailbox is slowed down or paused instead.
 *
 * @param reason the bounce's reason, whose {@link BounceReason#action()} is
 * {@link BounceReason.Action#BLOCK}
 * @param diagnostic the receiving server's reply, or {@code null}
 * @param remoteMta the host that refused, or {@code null}
 * @param blocksInWindow how many such refusals the mailbox had in the last 24 hours, this
 * one included
 * @param paused whether the mailbox was paused because of them
 */
public record SendingBlocked(UUID workspaceId, UUID mailboxId, String email, BounceReason reason, String diagnostic,
		String remoteMta, long blocksInWindow, boolean paused) {
}
