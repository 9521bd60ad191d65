package com.penguinmails.system.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.system.SystemStatusReport.DiskForecast;
import com.penguinmails.system.SystemStatusReport.HourPoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The disk forecast is a least-squares line through the space in use: a disk filling by 1
 * GB a day with 91 GB left says 91 days; too little history or no growth says so
 * honestly.
 */
class ForecastTests {

	private static final long GB = 1024L * 1024 * 1024;

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static HourPoint point(Instant hour, long usedBytes, long totalBytes) {
		return new HourPoint(hour, 10.0, 100, 200, totalBytes - usedBytes, totalBytes, 1000, 0, 0);
	}

	@Test
	void aDiskFillingLinearlyIsFullWhenTheLineReachesItsSize() {
		List<HourPoint> points = new ArrayList<>();
		for (int day = 0; day < 10; day++) {
			points.add(point(START.plus(Duration.ofDays(day)), 100 * GB + day * GB, 200 * GB));
		}

		DiskForecast forecast = Forecast.diskFull(points);

		assertThat(forecast.daysUntilFull()).isEqualTo(91);
		assertThat(forecast.bytesPerDay()).isCloseTo((double) GB, within(1.0));
		assertThat(forecast.points()).isEqualTo(10);
		assertThat(forecast.text()).isEqualTo("At the rate of the last 9 days, the disk is full in 91 days.");
	}

	@Test
	void hourlyNoiseAroundTheLineGivesTheSameForecast() {
		List<HourPoint> points = new ArrayList<>();
		for (int hour = 0; hour < 24 * 20; hour++) {
			long noise = (hour % 2 == 0 ? 1 : -1) * GB / 10;
			points.add(point(START.plus(Duration.ofHours(hour)), 50 * GB + hour * GB / 24 + noise, 100 * GB));
		}
		// The last point is at 20 days less an hour: 50 + 19.96 GB used, 30.04 GB left at
		// 1 GB a day.
		assertThat(Forecast.diskFull(points).daysUntilFull()).isEqualTo(30);
	}

	@Test
	void tooLittleHistoryOrNoGrowthGivesNoDate() {
		DiskForecast two = Forecast
			.diskFull(List.of(point(START, GB, 10 * GB), point(START.plus(Duration.ofHours(1)), 2 * GB, 10 * GB)));
		assertThat(two.daysUntilFull()).isNull();
		assertThat(two.text()).startsWith("Not enough history yet for a forecast: 2 hours recorded, at least 3");

		DiskForecast flat = Forecast
			.diskFull(List.of(point(START, GB, 10 * GB), point(START.plus(Duration.ofHours(1)), GB, 10 * GB),
					point(START.plus(Duration.ofHours(2)), GB, 10 * GB)));
		assertThat(flat.daysUntilFull()).isNull();
		assertThat(flat.text()).isEqualTo("Disk use is not growing over the last 2 hours: no date when it is full.");
	}

	@Test
	void theDiskCheckWarnsUnder15PercentOrWhenFullWithinTwoWeeksAndFailsUnder5() {
		DiskForecast none = Forecast.diskFull(List.of());
		assertThat(DiskCheck.judge(50 * GB, 100 * GB, none).status().value()).isEqualTo("ok");
		assertThat(DiskCheck.judge(10 * GB, 100 * GB, none).status().value()).isEqualTo("warning");
		assertThat(DiskCheck.judge(4 * GB, 100 * GB, none).status().value()).isEqualTo("failing");
		DiskForecast soon = new DiskForecast(9, (double) GB, 48, "Full in 9 days.");
		assertThat(DiskCheck.judge(50 * GB, 100 * GB, soon).status().value()).isEqualTo("warning");
		assertThat(DiskCheck.judge(4 * GB, 100 * GB, none).summary()).startsWith("4.0 GB free of 100.0 GB (4.0 %).");
	}

}
