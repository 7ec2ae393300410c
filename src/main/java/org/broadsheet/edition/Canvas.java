package org.broadsheet.edition;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Where the drawn images (the link-preview card and the logos) are painted: on the page's paper,
 * antialiased, encoded as PNG. Where the machine has no usable fonts at all, the text is left out
 * with a warning rather than failing the edition.
 */
final class Canvas {

	private static final Log logger = LogFactory.getLog(Canvas.class);

	private Canvas() {
	}

	/**
	 * @param what what is drawn, for the warning: "link-preview card"
	 * @param shapes paints what needs no font
	 * @param text paints the letters
	 */
	static byte[] png(String what, int width, int height, Consumer<Graphics2D> shapes, Consumer<Graphics2D> text) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
			g.setColor(Palette.page().paper());
			g.fillRect(0, 0, width, height);
			shapes.accept(g);
			try {
				text.accept(g);
			}
			catch (RuntimeException | Error ex) {
				logger.warn("No usable fonts for the " + what + " (" + ex + "); drawing it without text. "
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

}
