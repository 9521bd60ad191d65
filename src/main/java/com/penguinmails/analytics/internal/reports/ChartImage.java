package com.penguinmails.analytics.internal.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

import com.penguinmails.analytics.ReportChart;

/**
 * Draws a {@link ReportChart} on the server with JFreeChart, as a PNG (ISO/IEC 15948) for
 * a PDF page. Needs no display: AWT runs headless ({@code java.awt.headless=true}, which
 * Spring Boot sets and this class sets when nobody has), with the fonts fontconfig finds.
 */
public final class ChartImage {

	/** Series colours: the palette the pages' charts use. */
	private static final Color[] PALETTE = { new Color(0x2563eb), new Color(0x16a34a), new Color(0xdc2626),
			new Color(0xd97706), new Color(0x7c3aed), new Color(0x0891b2) };

	/** The most labels written under the x axis. */
	private static final int LABELS = 16;

	static {
		if (System.getProperty("java.awt.headless") == null) {
			System.setProperty("java.awt.headless", "true");
		}
	}

	private ChartImage() {
	}

	/**
	 * The chart as PNG bytes, {@code width} × {@code height} points drawn at
	 * {@code scale} pixels per point (2 for print-sharp lines).
	 */
	public static byte[] png(ReportChart chart, int width, int height, int scale) {
		JFreeChart drawn = chart(chart);
		BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			graphics.scale(scale, scale);
			drawn.draw(graphics, new Rectangle2D.Double(0, 0, width, height));
		}
		finally {
			graphics.dispose();
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return png.toByteArray();
	}

	static JFreeChart chart(ReportChart chart) {
		DefaultCategoryDataset data = new DefaultCategoryDataset();
		boolean fractions = true;
		int labels = chart.labels().size();
		// At most ~16 labels under the x axis: every n-th is written, the rest left
		// blank.
		int every = Math.max(1, (labels + LABELS - 1) / LABELS);
		for (ReportChart.Series series : chart.series()) {
			List<? extends Number> values = series.values();
			for (int i = 0; i < labels; i++) {
				Number value = i < values.size() ? values.get(i) : null;
				data.addValue(value, series.name(), new Label(i, i % every == 0 ? chart.labels().get(i) : ""));
				if (value != null
						&& !(value instanceof Double && value.doubleValue() >= 0 && value.doubleValue() <= 1)) {
					fractions = false;
				}
			}
		}
		JFreeChart drawn = chart.type() == ReportChart.Type.BAR
				? ChartFactory.createBarChart(null, null, null, data, PlotOrientation.VERTICAL, true, false, false)
				: ChartFactory.createLineChart(null, null, null, data, PlotOrientation.VERTICAL, true, false, false);
		drawn.setTitle(new TextTitle(chart.title(), new Font(Font.SANS_SERIF, Font.BOLD, 12)));
		drawn.setBackgroundPaint(Color.WHITE);
		drawn.setAntiAlias(true);
		CategoryPlot plot = drawn.getCategoryPlot();
		plot.setBackgroundPaint(Color.WHITE);
		plot.setRangeGridlinePaint(new Color(0xdddddd));
		plot.setOutlineVisible(false);
		CategoryItemRenderer renderer = plot.getRenderer();
		for (int i = 0; i < chart.series().size(); i++) {
			renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
			renderer.setSeriesStroke(i, new BasicStroke(1.5f));
		}
		if (renderer instanceof BarRenderer bars) {
			bars.setBarPainter(new StandardBarPainter());
			bars.setShadowVisible(false);
		}
		CategoryAxis x = plot.getDomainAxis();
		x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
		x.setCategoryLabelPositions(
				Math.min(labels, LABELS) > 8 ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
		x.setMaximumCategoryLabelLines(2);
		NumberAxis y = (NumberAxis) plot.getRangeAxis();
		y.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
		if (fractions) {
			NumberFormat percent = NumberFormat.getPercentInstance(Locale.ROOT);
			percent.setMaximumFractionDigits(1);
			y.setNumberFormatOverride(percent);
		}
		else {
			y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
		}
		return drawn;
	}

	/**
	 * A point on the x axis: distinct by position, shown as its text (blank for the
	 * points between written labels).
	 */
	private record Label(int index, String text) implements Comparable<Label> {

		@Override
		public int compareTo(Label other) {
			return Integer.compare(index, other.index);
		}

		@Override
		public String toString() {
			return text;
		}

	}

}
