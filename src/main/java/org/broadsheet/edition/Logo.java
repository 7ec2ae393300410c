package org.broadsheet.edition;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The publication's mark, drawn from its name as the link-preview card is, so that a publication with
 * no designer still has one: its initials in the masthead's serif, on the page's paper, over the
 * accent's rule. Square PNGs: 180 px for a phone's home screen ({@code apple-touch-icon}) and 512 px
 * for search engines' publisher logo, which asks for 112 px at least.
 */
final class Logo {

	static final int TOUCH_ICON = 180;

	static final int PUBLISHER = 512;

	/** Words that make no initial: "The Example Post" is EP. */
	private static final Set<String> ARTICLES = Set.of("the", "a", "an");

	private Logo() {
	}

	/** Up to two initials of the name's words, articles left out; the first letter when that leaves none. */
	static String initials(String siteName) {
		List<String> initials = new ArrayList<>();
		for (String word : siteName.strip().split("\\s+")) {
			if (!word.isEmpty() && !ARTICLES.contains(word.toLowerCase(Locale.ROOT)) && initials.size() < 2) {
				initials.add(word.substring(0, word.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT));
			}
		}
		return initials.isEmpty() ? siteName.strip().substring(0, 1).toUpperCase(Locale.ROOT) : String.join("", initials);
	}

	static byte[] draw(String siteName, int size) {
		return Canvas.png("logo", size, size, (g) -> {
			g.setColor(Palette.page().accent());
			g.fillRect(size / 6, size * 3 / 4, size * 2 / 3, Math.max(2, size / 30));
		}, (g) -> drawInitials(g, initials(siteName), size));
	}

	private static void drawInitials(Graphics2D g, String initials, int size) {
		int points = size * 3 / 5;
		FontMetrics metrics;
		do {
			g.setFont(new Font(Font.SERIF, Font.BOLD, points));
			metrics = g.getFontMetrics();
			points -= Math.max(1, size / 60);
		}
		while (metrics.stringWidth(initials) > size * 3 / 4 && points > size / 8);
		g.setColor(Palette.page().ink());
		int baseline = size * 3 / 4 - size / 12;
		g.drawString(initials, (size - metrics.stringWidth(initials)) / 2, baseline);
	}

}
