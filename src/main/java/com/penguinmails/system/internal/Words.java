package com.penguinmails.system.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How the checks write sizes, durations and figures. */
final class Words {

	private Words() {
	}

	/** Bytes in binary units, one decimal: "512 B", "1.5 GB". */
	static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KB", "MB", "GB", "TB", "PB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

	/**
	 * A duration as people say it
	 * ({@link com.penguinmails.shared.SystemChecks#duration}).
	 */
	static String duration(Duration duration) {
		return com.penguinmails.shared.SystemChecks.duration(duration);
	}

	/** "1 node", "3 nodes". */
	static String count(long n, String one, String many) {
		return com.penguinmails.shared.SystemChecks.count(n, one, many);
	}

	/** Figures by name, in the order given; null values left out. */
	static Map<String, Object> figures(Object... pairs) {
		Map<String, Object> figures = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				figures.put((String) pairs[i], pairs[i + 1]);
			}
		}
		return figures;
	}

}
