package org.broadsheet.edition;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the 1200×630 PNG that link previews show when the article has no raster feature photo: the
 * headline and the site's name, in the page's colours. Most platforms ignore SVG, so this is raster.
 * Where the machine has no fonts at all, it falls back to the card without text rather than fail.
 */
final class PreviewCard {

	static final int WIDTH = 1200;

	static final int HEIGHT = 630;

	private static final int MARGIN = 80;

	private PreviewCard() {
	}

	static byte[] draw(String headline, String siteName) {
		return Canvas.png("link-preview card", WIDTH, HEIGHT, (g) -> {
			g.setColor(Palette.page().accent());
			g.fillRect(0, 0, WIDTH, 16);
		}, (g) -> drawText(g, headline, siteName));
	}

	private static void drawText(Graphics2D g, String headline, String siteName) {
		g.setColor(Palette.page().accent());
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
		g.drawString(siteName.toUpperCase(), MARGIN, 110);
		g.setStroke(new BasicStroke(2));
		g.setColor(Palette.page().muted());
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
		g.setColor(Palette.page().ink());
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
