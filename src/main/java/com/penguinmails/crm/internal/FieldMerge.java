package com.penguinmails.crm.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.penguinmails.crm.FieldPolicy;

/**
 * What an import does with each synced field of one record, given the CRM's value, ours
 * and the baseline (the value both sides last held):
 * <ul>
 * <li>no baseline yet (a link made before two-way sync): the CRM's non-empty value is
 * taken where it differs, as imports always did;</li>
 * <li>both equal: nothing;</li>
 * <li>only the CRM changed since the baseline: its value is taken (an emptied field
 * empties ours);</li>
 * <li>only PenguinMails changed: ours stays, and is sent to the CRM when the field's
 * policy is not {@link FieldPolicy#CRM};</li>
 * <li>both changed: the policy decides; {@link FieldPolicy#NEWEST} compares the field's
 * local edit time with the record's modification time (ours wins only when edited later;
 * without a local edit time the CRM's value wins).</li>
 * </ul>
 * The new baseline is what the CRM will hold: its value, or ours when ours is sent.
 * Values are compared stripped, a missing one equal to an empty one.
 *
 * @param take our field → the CRM's value to write into the contact (null: empty it)
 * @param push our field → our value to send to the CRM
 * @param baseline the new baseline (fields without a value left out)
 * @param notes the decisions worth a line in the sync log
 * ({@code company: kept PenguinMails' value (PenguinMails wins)})
 */
public record FieldMerge(Map<String, String> take, Map<String, String> push, Map<String, String> baseline,
		List<String> notes) {

	/**
	 * Decides every tracked field of one record.
	 * @param theirs our field → the CRM's value (missing: none)
	 * @param ours our field → the contact's value (missing: none)
	 * @param link the record's link with its baseline, or null when it has none
	 * @param modifiedAt the record's modification time in the CRM, or null when unknown
	 */
	public static FieldMerge of(FieldSync.Fields fields, Map<String, String> theirs, Map<String, String> ours,
			FieldSyncRepository.Link link, Instant modifiedAt) {
		Map<String, String> take = new LinkedHashMap<>();
		Map<String, String> push = new LinkedHashMap<>();
		Map<String, String> baseline = new LinkedHashMap<>();
		List<String> notes = new ArrayList<>();
		Map<String, String> synced = link == null ? null : link.synced();
		for (String field : fields.tracked()) {
			String t = norm(theirs.get(field));
			String o = norm(ours.get(field));
			String agreed = t;
			if (synced == null) {
				if (t != null && !t.equals(o)) {
					take.put(field, t);
				}
			}
			else if (!Objects.equals(t, o)) {
				String b = norm(synced.get(field));
				boolean crmChanged = !Objects.equals(t, b);
				boolean oursChanged = !Objects.equals(o, b);
				FieldPolicy policy = fields.names().containsKey(field) ? fields.policy(field) : FieldPolicy.CRM;
				if (crmChanged && !oursChanged) {
					take.put(field, t);
				}
				else if (!crmChanged) {
					if (policy.pushes()) {
						push.put(field, o);
						agreed = o;
						notes.add(field + ": sent PenguinMails' value to " + fields.crmName()
								+ " (changed only in PenguinMails, " + policy.label() + ")");
					}
				}
				else if (oursWins(policy, link.localEdits().get(field), modifiedAt)) {
					push.put(field, o);
					agreed = o;
					notes.add(field + ": kept PenguinMails' value (" + why(policy, fields.crmName(), true) + ")");
				}
				else {
					take.put(field, t);
					notes.add(field + ": took " + fields.crmName() + "'s value (" + why(policy, fields.crmName(), false)
							+ ")");
				}
			}
			if (agreed != null) {
				baseline.put(field, agreed);
			}
		}
		return new FieldMerge(take, push, baseline, notes);
	}

	private static boolean oursWins(FieldPolicy policy, Instant localEdit, Instant modifiedAt) {
		return switch (policy) {
			case CRM -> false;
			case PENGUINMAILS -> true;
			case NEWEST -> localEdit != null && (modifiedAt == null || localEdit.isAfter(modifiedAt));
		};
	}

	private static String why(FieldPolicy policy, String crmName, boolean ours) {
		return switch (policy) {
			case CRM -> crmName + " wins";
			case PENGUINMAILS -> "PenguinMails wins";
			case NEWEST -> ours ? "newest wins: edited in PenguinMails after " + crmName
					: "newest wins: edited in " + crmName + " after PenguinMails";
		};
	}

	private static String norm(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
