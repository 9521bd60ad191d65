package com.penguinmails.delivery.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells this node's dispatch loop that messages were queued, so it claims them at once
 * instead of at its next one-second round: raised once the transaction that queued them
 * commits (before that, no node could claim them). Other nodes find the rows at their
 * next round.
 */
@Component
public class DispatchSignal {

	private final AtomicBoolean raised = new AtomicBoolean();

	/**
	 * Raises the signal when the current transaction commits, or now when there is none.
	 */
	public void raiseAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					raised.set(true);
				}
			});
		}
		else {
			raised.set(true);
		}
	}

	/** Whether the signal was raised since the last call; lowers it. */
	public boolean take() {
		return raised.getAndSet(false);
	}

}
