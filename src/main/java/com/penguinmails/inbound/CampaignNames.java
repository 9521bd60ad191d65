package com.penguinmails.inbound;

import java.util.List;
import java.util.UUID;

/**
 * The campaigns a workspace's inbox can be filtered by, and those a contact is in, as the
 * campaigns feature names them. Inbound declares what it needs and campaigns provides it,
 * so inbound never depends on campaigns (campaigns listens to inbound's events).
 */
public interface CampaignNames {

	/** A campaign's id and name. */
	record Named(UUID id, String name) {
	}

	/**
	 * A campaign a contact is enrolled in: its id and name, and where the contact stands
	 * in it ({@code active}, {@code completed} or {@code stopped}).
	 */
	record Enrolled(UUID id, String name, String state) {

		/** The state as people read it. */
		public String stateLabel() {
			return switch (state) {
				case "active" -> "In sequence";
				case "completed" -> "Finished";
				case "stopped" -> "Stopped";
				default -> state;
			};
		}

	}

	/** The workspace's campaigns, newest first. */
	List<Named> campaigns(UUID workspaceId);

	/**
	 * The campaigns of the workspace a contact is enrolled in, newest enrolment first.
	 */
	List<Enrolled> enrolments(UUID workspaceId, UUID contactId);

}
