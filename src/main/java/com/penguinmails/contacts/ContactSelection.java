package com.penguinmails.contacts;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.contacts.internal.ContactSelectionRepository;
import com.penguinmails.contacts.internal.ContactWhere;
import com.penguinmails.contacts.internal.SegmentCompiler;
import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The contacts a {@link ContactFilter} selects in the caller's workspace: how many, and
 * their ids in batches (bulk actions and exports walk them with {@link #ids}).
 */
@Service
public class ContactSelection {

	/** The largest batch {@link #ids} returns. */
	public static final int MAX_BATCH = 10_000;

	private final ContactSelectionRepository repository;

	private final Segments segments;

	private final CustomFields fields;

	ContactSelection(ContactSelectionRepository repository, Segments segments, CustomFields fields) {
		this.repository = repository;
		this.segments = segments;
		this.fields = fields;
	}

	/**
	 * How many contacts match now.
	 * @throws com.penguinmails.shared.NotFoundProblem when the filter's segment is not
	 * the workspace's
	 */
	public long count(Tenant tenant, ContactFilter filter) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.count(where(tenant, filter));
	}

	/**
	 * How many contacts match now, counting at most {@link ContactCount#LIMIT} + 1: what
	 * a page shows ("10,000+") without counting every row.
	 * @throws com.penguinmails.shared.NotFoundProblem when the filter's segment is not
	 * the workspace's
	 */
	public ContactCount countUpToLimit(Tenant tenant, ContactFilter filter) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return countUpToLimit(where(tenant, filter));
	}

	long count(Compiled where) {
		return repository.count(where);
	}

	ContactCount countUpToLimit(Compiled where) {
		return ContactCount.upTo(repository.countUpTo(where, ContactCount.LIMIT + 1L));
	}

	/**
	 * The next batch of matching ids after {@code afterId} (from the start when null), in
	 * id order; empty when the walk is over.
	 * @param limit 1 to {@link #MAX_BATCH}
	 * @throws InvalidInputProblem {@code invalid-limit}
	 */
	public List<UUID> ids(Tenant tenant, ContactFilter filter, UUID afterId, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		if (limit < 1 || limit > MAX_BATCH) {
			throw new InvalidInputProblem("invalid-limit", "limit must be between 1 and " + MAX_BATCH + ".");
		}
		return repository.ids(where(tenant, filter), afterId, limit);
	}

	/** The filter's condition on {@code contacts c}, for this package's queries. */
	Compiled where(Tenant tenant, ContactFilter filter) {
		return where(tenant, filter, true);
	}

	/**
	 * @param searchByIndex false for a broad search read by walking the sort's index
	 * ({@link ContactWhere#of(UUID, ContactFilter, Compiled, boolean)})
	 */
	Compiled where(Tenant tenant, ContactFilter filter, boolean searchByIndex) {
		Compiled segment = null;
		if (filter.segmentId() != null) {
			segment = SegmentCompiler.compile(segments.segment(tenant, filter.segmentId()).definition(),
					fields.types(tenant.workspaceId()));
		}
		return ContactWhere.of(tenant.workspaceId(), filter, segment, searchByIndex);
	}

}
