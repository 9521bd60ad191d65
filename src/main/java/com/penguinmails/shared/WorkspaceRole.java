package com.penguinmails.shared;

/**
 * A member's role in a workspace, from most to least powerful. Each role may do
 * everything the roles below it may.
 */
public enum WorkspaceRole {

	OWNER, ADMIN, MEMBER, VIEWER;

	/** Whether this role grants at least what {@code required} grants. */
	public boolean atLeast(WorkspaceRole required) {
		return ordinal() <= required.ordinal();
	}

	public String label() {
		return name().charAt(0) + name().substring(1).toLowerCase();
	}

}
