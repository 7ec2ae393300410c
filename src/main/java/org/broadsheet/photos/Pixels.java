package org.broadsheet.photos;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBufferInt;
import java.awt.image.WritableRaster;

/**
 * What is done to a photo's pixels once they are decoded: converted to sRGB, turned upright as the
 * camera said, and scaled down smoothly.
 */
final class Pixels {

	private Pixels() {
	}

	/**
	 * The image in sRGB, as {@code TYPE_INT_RGB} (or ARGB when some pixel is translucent), turned
	 * upright as its EXIF orientation says: 2 to 8 are mirrorings and quarter turns of 1.
	 */
	static BufferedImage upright(BufferedImage image, int orientation) {
		BufferedImage source = sRGB(image);
		int width = source.getWidth();
		int height = source.getHeight();
		if (orientation <= 1 || orientation > 8) {
			return source;
		}
		int[] pixels = ((DataBufferInt) source.getRaster().getDataBuffer()).getData();
		boolean turned = orientation >= 5;
		int outWidth = turned ? height : width;
		BufferedImage result = new BufferedImage(outWidth, turned ? width : height, source.getType());
		int[] out = ((DataBufferInt) result.getRaster().getDataBuffer()).getData();
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int tx;
				int ty;
				switch (orientation) {
					case 2 -> { tx = width - 1 - x; ty = y; }
					case 3 -> { tx = width - 1 - x; ty = height - 1 - y; }
					case 4 -> { tx = x; ty = height - 1 - y; }
					case 5 -> { tx = y; ty = x; }
					case 6 -> { tx = height - 1 - y; ty = x; }
					case 7 -> { tx = height - 1 - y; ty = width - 1 - x; }
					default -> { tx = y; ty = width - 1 - x; }
				}
				out[ty * outWidth + tx] = pixels[y * width + x];
			}
		}
		return result;
	}

	private static BufferedImage sRGB(BufferedImage image) {
		boolean alpha = image.getColorModel().hasAlpha() && translucent(image);
		int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
		if (image.getType() == type) {
			return image;
		}
		BufferedImage result = new BufferedImage(image.getWidth(), image.getHeight(), type);
		ColorSpace space = image.getColorModel().getColorSpace();
		if (space instanceof ICC_ColorSpace && !space.isCS_sRGB() && space.getType() == ColorSpace.TYPE_RGB
				&& !alpha) {
			// the camera's profile (Display P3, Adobe RGB) to sRGB, with the colour management system
			new ColorConvertOp(null).filter(image, result);
			return result;
		}
		Graphics2D graphics = result.createGraphics();
		try {
			graphics.setComposite(AlphaComposite.Src);
			graphics.drawImage(image, 0, 0, null);
		}
		finally {
			graphics.dispose();
		}
		return result;
	}

	private static boolean translucent(BufferedImage image) {
		WritableRaster alpha = image.getAlphaRaster();
		if (alpha == null) {
			return false;
		}
		int[] row = new int[image.getWidth()];
		for (int y = 0; y < image.getHeight(); y++) {
			alpha.getSamples(0, y, image.getWidth(), 1, 0, row);
			for (int value : row) {
				if (value != 255) {
					return true;
				}
			}
		}
		return false;
	}

	/** Scales down in halvings, each averaging four pixels into one, then once more to the exact size. */
	static BufferedImage scale(BufferedImage image, int width, int height) {
		BufferedImage current = image;
		while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
			current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
		}
		return (current.getWidth() == width && current.getHeight() == height) ? current : draw(current, width, height);
	}

	private static BufferedImage draw(BufferedImage image, int width, int height) {
		BufferedImage result = new BufferedImage(width, height, image.getType());
		Graphics2D graphics = result.createGraphics();
		try {
			graphics.setComposite(AlphaComposite.Src);
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.drawImage(image, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return result;
	}

}
