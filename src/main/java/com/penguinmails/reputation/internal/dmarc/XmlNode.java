package com.penguinmails.reputation.internal.dmarc;

import java.util.ArrayList;
import java.util.List;

/**
 * One element of a report read into memory: its local name (any namespace prefix
 * dropped), its text and its child elements. Only one top-level part of a report
 * ({@code report_metadata}, {@code policy_published} or one {@code record}) is held at a
 * time.
 */
final class XmlNode {

	private final String name;

	private final StringBuilder text = new StringBuilder();

	private final List<XmlNode> children = new ArrayList<>(4);

	XmlNode(String name) {
		this.name = name;
	}

	String name() {
		return this.name;
	}

	/** Appends text up to {@code max} characters in all; false when some was cut. */
	boolean append(String chars, int max) {
		int room = max - this.text.length();
		if (chars.length() <= room) {
			this.text.append(chars);
			return true;
		}
		this.text.append(chars, 0, Math.max(0, room));
		return false;
	}

	void add(XmlNode child) {
		this.children.add(child);
	}

	/** The first child of that local name, or null. */
	XmlNode child(String localName) {
		for (XmlNode child : this.children) {
			if (child.name.equals(localName)) {
				return child;
			}
		}
		return null;
	}

	/** The children of that local name, in document order. */
	List<XmlNode> children(String localName) {
		List<XmlNode> found = new ArrayList<>(2);
		for (XmlNode child : this.children) {
			if (child.name.equals(localName)) {
				found.add(child);
			}
		}
		return found;
	}

	/** The stripped text of the first child of that name; null when absent or empty. */
	String text(String localName) {
		XmlNode child = child(localName);
		return child == null ? null : child.text();
	}

	/** This element's own stripped text; null when empty. */
	String text() {
		String stripped = this.text.toString().strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
