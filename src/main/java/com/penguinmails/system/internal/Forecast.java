package com.penguinmails.system.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

import com.penguinmails.system.SystemStatusReport.DiskForecast;
import com.penguinmails.system.SystemStatusReport.HourPoint;

/**
 * Straight-line trends over the hourly history: ordinary least squares of a figure
 * against time in days, and from it the "disk full in N days" forecast. Pure functions,
 * no database or clock.
 */
public final class Forecast {

	/** Fewer points than this give no forecast ("not enough history yet"). */
	public static final int MIN_POINTS = 3;

	private static final double DAY_SECONDS = 86_400.0;

	private Forecast() {
	}

	/**
	 * A fitted line {@code y = intercept + slope × days since the first point}.
	 *
	 * @param slope units of y per day
	 * @param intercept y at the first point
	 * @param lastX the last point's x, in days since the first
	 */
	public record Line(double slope, double intercept, double lastX) {

		/** The line's value at the last point. */
		public double atLast() {
			return intercept + slope * lastX;
		}

	}

	/**
	 * The least-squares line of {@code figure} over the points (x: days since the first
	 * point's hour).
	 * @return null with fewer than {@link #MIN_POINTS} points or all at one instant
	 */
	public static Line fit(List<HourPoint> points, ToDoubleFunction<HourPoint> figure) {
		if (points.size() < MIN_POINTS) {
			return null;
		}
		Instant first = points.get(0).hour();
		int n = points.size();
		double sumX = 0;
		double sumY = 0;
		double sumXX = 0;
		double sumXY = 0;
		double lastX = 0;
		for (HourPoint point : points) {
			double x = Duration.between(first, point.hour()).toSeconds() / DAY_SECONDS;
			double y = figure.applyAsDouble(point);
			sumX += x;
			sumY += y;
			sumXX += x * x;
			sumXY += x * y;
			lastX = Math.max(lastX, x);
		}
		double denominator = n * sumXX - sumX * sumX;
		if (denominator == 0) {
			return null;
		}
		double slope = (n * sumXY - sumX * sumY) / denominator;
		double intercept = (sumY - slope * sumX) / n;
		return new Line(slope, intercept, lastX);
	}

	/**
	 * When the data directory's disk fills: the line through the space in use (size minus
	 * free) extended until it reaches the last point's disk size.
	 * @param points the hourly history, oldest first
	 */
	public static DiskForecast diskFull(List<HourPoint> points) {
		Line line = fit(points, p -> p.diskTotalBytes() - p.diskFreeBytes());
		if (line == null) {
			return new DiskForecast(null, null, points.size(),
					"Not enough history yet for a forecast: " + points.size() + " hour"
							+ (points.size() == 1 ? "" : "s") + " recorded, at least " + MIN_POINTS
							+ " needed (a node records one an hour).");
		}
		String over = over(line.lastX());
		if (line.slope() <= 0) {
			return new DiskForecast(null, line.slope(), points.size(),
					"Disk use is not growing over " + over + ": no date when it is full.");
		}
		double total = points.get(points.size() - 1).diskTotalBytes();
		double days = Math.max(0, (total - line.atLast()) / line.slope());
		int whole = (int) Math.min(Integer.MAX_VALUE, Math.floor(days));
		return new DiskForecast(whole, line.slope(), points.size(),
				"At the rate of " + over + ", the disk is full in " + (whole == 1 ? "1 day" : whole + " days") + ".");
	}

	private static String over(double days) {
		if (days < 2) {
			long hours = Math.round(days * 24);
			return "the last " + hours + " hour" + (hours == 1 ? "" : "s");
		}
		return "the last " + Math.round(days) + " days";
	}

}
