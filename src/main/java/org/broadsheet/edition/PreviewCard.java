package org.broadsheet.edition;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Draws the 1200×630 PNG that link previews show when the article has no raster feature photo: the
 * headline and the site's name, in the page's colours. Most platforms ignore SVG, so this is raster.
 * Where the machine has no fonts at all, it falls back to the card without text rather than fail.
 */
final class PreviewCard {

	static final int WIDTH = 1200;

	static final int HEIGHT = 630;

	private static final Log logger = LogFactory.getLog(PreviewCard.class);

	private static final Color PAPER = new Color(0xFBF9F4);

	private static final Color INK = new Color(0x1A1A1A);

	private static final Color ACCENT = new Color(0x9B1C1C);

	private static final Color MUTED = new Color(0x595959);

	private static final int MARGIN = 80;

	private PreviewCard() {
	}

	static byte[] draw(String headline, String siteName) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
			g.setColor(PAPER);
			g.fillRect(0, 0, WIDTH, HEIGHT);
			g.setColor(ACCENT);
			g.fillRect(0, 0, WIDTH, 16);
			try {
				drawText(g, headline, siteName);
			}
			catch (RuntimeException | Error ex) {
				logger.warn("No usable fonts for the link-preview card (" + ex + "); drawing it without text. "
						+ "Install a font package such as fonts-dejavu-core.");
			}
		}
		finally {
			g.dispose();
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

	private static void drawText(Graphics2D g, String headline, String siteName) {
		g.setColor(ACCENT);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
		g.drawString(siteName.toUpperCase(), MARGIN, 110);
		g.setStroke(new BasicStroke(2));
		g.setColor(MUTED);
		g.drawLine(MARGIN, 140, WIDTH - MARGIN, 140);
		int size = 76;
		List<String> lines;
		FontMetrics metrics;
		do {
			g.setFont(new Font(Font.SERIF, Font.BOLD, size));
			metrics = g.getFontMetrics();
			lines = wrap(headline, metrics, WIDTH - 2 * MARGIN);
			size -= 4;
		}
		while ((lines.size() > 4 || lines.size() * metrics.getHeight() > HEIGHT - 260) && size > 28);
		g.setColor(INK);
		int y = 170 + metrics.getAscent();
		for (String line : lines) {
			g.drawString(line, MARGIN, y);
			y += metrics.getHeight();
		}
	}

	private static List<String> wrap(String text, FontMetrics metrics, int width) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split("\\s+")) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (metrics.stringWidth(candidate) > width && !line.isEmpty()) {
				lines.add(line.toString());
				line = new StringBuilder(word);
			}
			else {
				line = new StringBuilder(candidate);
			}
		}
		if (!line.isEmpty()) {
			lines.add(line.toString());
		}
		return lines;
	}

}
