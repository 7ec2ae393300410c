package org.broadsheet.photos;

import java.awt.AlphaComposite;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reads a camera file (JPEG or PNG) into an upright sRGB image no larger than the largest variant
 * needs: the EXIF orientation applied to the pixels, an embedded colour profile (Display P3, Adobe
 * RGB, CMYK) converted, and nothing else of the file kept. The header is checked first, so that a
 * file claiming a billion pixels is refused before any of them is decoded.
 */
final class CameraFile {

	private static final Log logger = LogFactory.getLog(CameraFile.class);

	/** The longest side a photo in the column is read to. */
	static final int LONG_SIDE = 1600;

	/** The lead photo is read larger, for crops at least 1200 px wide, 1:1 included. */
	static final int LEAD_SHORT_SIDE = 1200;

	static final int LEAD_LONG_SIDE = 2400;

	private CameraFile() {
	}

	/** The size to read a photo of the given upright size to: never larger than it is. */
	static Dimension target(int width, int height, boolean lead) {
		int longSide = Math.max(width, height);
		double scale = (double) LONG_SIDE / longSide;
		if (lead) {
			scale = Math.min(Math.max(scale, (double) LEAD_SHORT_SIDE / Math.min(width, height)),
					(double) LEAD_LONG_SIDE / longSide);
		}
		scale = Math.min(1, scale);
		return new Dimension(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)));
	}

	static Dimension target(Dimension upright, boolean lead) {
		return target(upright.width, upright.height, lead);
	}

	/**
	 * Reads a camera file whose structure has been checked: a JPEG's markers or a PNG's chunks are read
	 * through first, so that a file cut off, stuffed with metadata or claiming a billion pixels is
	 * refused before any decoder starts.
	 */
	static BufferedImage read(Snapshot snapshot, boolean lead) throws IOException, PhotoException {
		String path = snapshot.path();
		if (snapshot.kind() == FileKind.JPEG) {
			JpegMarkers markers = JpegMarkers.read(path, snapshot.file());
			if (markers.sequential()) {
				BufferedImage image = readAveraged(snapshot, markers.orientation(), lead);
				if (image != null) {
					return image;
				}
			}
			return readSubsampled(snapshot, markers.orientation(), lead);
		}
		PngChunks.read(path, snapshot.file());
		return readSubsampled(snapshot, 1, lead);
	}

	private static ImageInputStream open(Snapshot snapshot) throws IOException {
		return new FileImageInputStream(snapshot.file().toFile());
	}

	/**
	 * Refuses what a decoder only warns of: a file that ends before its picture does would otherwise be
	 * published with its lower part grey.
	 */
	private static List<String> warnings(ImageReader reader) {
		List<String> warnings = new ArrayList<>();
		reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
		return warnings;
	}

	private static void refuseDamage(String path, List<String> warnings) throws PhotoException {
		for (String warning : warnings) {
			String lower = warning.toLowerCase(Locale.ROOT);
			if (lower.contains("premature end") || lower.contains("truncated")) {
				throw Limits.truncated(path, "JPEG");
			}
		}
	}

	/**
	 * Reads an ordinary JPEG whole, averaging it down as it is decoded ({@link AreaAverage}); null when
	 * it is not one this can read (progressive, CMYK), so that the caller reads it with subsampling.
	 */
	private static BufferedImage readAveraged(Snapshot snapshot, int orientation, boolean lead)
			throws IOException, PhotoException {
		String path = snapshot.path();
		ImageReader reader = jdkJpegReader();
		if (reader == null) {
			return null;
		}
		List<String> warnings = warnings(reader);
		try (ImageInputStream input = open(snapshot)) {
			reader.setInput(input, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			Limits.pixels(path, width, height);
			ColorModel model = sourceModel(reader);
			if (model == null) {
				return null;
			}
			Dimension size = stored(target(upright(width, height, orientation), lead), orientation);
			AreaAverage sink = new AreaAverage(width, height, model.getNumComponents(), size.width, size.height);
			ImageReadParam param = reader.getDefaultReadParam();
			param.setDestination(new BufferedImage(model, sink, false, null));
			reader.read(0, param);
			refuseDamage(path, warnings);
			return upright(packed(model.getColorSpace(), sink.pixels(), size), orientation);
		}
		catch (IOException | RuntimeException ex) {
			// a JPEG the JDK's reader cannot decode, or did not write as AreaAverage expects: read it the
			// documented way, which reports what is wrong if nothing can read it
			logger.debug("Reading " + path + " with subsampling, as averaging it failed", ex);
			return null;
		}
		finally {
			reader.dispose();
		}
	}

	private static ImageReader jdkJpegReader() {
		for (Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg"); readers.hasNext();) {
			ImageReader reader = readers.next();
			if (reader.getClass().getName().startsWith("com.sun.imageio.")) {
				return reader;
			}
			reader.dispose();
		}
		return null;
	}

	/** Averaged pixels as an image: sRGB as they are, or still in the camera's profile, to be converted. */
	private static BufferedImage packed(ColorSpace space, int[] pixels, Dimension size) {
		DirectColorModel model = (space.getType() == ColorSpace.TYPE_RGB && !space.isCS_sRGB())
				? new DirectColorModel(space, 24, 0xFF0000, 0xFF00, 0xFF, 0, false, DataBuffer.TYPE_INT)
				: new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
		WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(pixels, pixels.length), size.width, size.height,
				size.width, model.getMasks(), null);
		return new BufferedImage(model, raster, false, null);
	}

	/**
	 * The colour model the JDK's reader decodes into without converting: the file's own profile when it
	 * has one (the conversion to sRGB is then done on the small image), else sRGB or grey.
	 */
	private static ColorModel sourceModel(ImageReader reader) throws IOException {
		ColorSpace chosen = null;
		int components = 0;
		for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext();) {
			ColorModel model = types.next().getColorModel();
			ColorSpace space = model.getColorSpace();
			boolean rgb = model.getNumComponents() == 3 && space.getType() == ColorSpace.TYPE_RGB && !model.hasAlpha();
			boolean grey = model.getNumComponents() == 1 && space.getType() == ColorSpace.TYPE_GRAY;
			if (chosen == null && (rgb || grey) || rgb && !space.isCS_sRGB()) {
				// the reader offers sRGB first, then the file's own profile, which it then need not convert to
				chosen = space;
				components = model.getNumComponents();
			}
		}
		return (chosen != null && (components == 3 || components == 1))
				? new ComponentColorModel(chosen, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE) : null;
	}

	/** Reads with {@code setSourceSubsampling} to at least the target size, then scales it down smoothly. */
	private static BufferedImage readSubsampled(Snapshot snapshot, int orientation, boolean lead)
			throws IOException, PhotoException {
		String path = snapshot.path();
		try (ImageInputStream input = open(snapshot)) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new PhotoException(path, "is not a readable JPEG or PNG image");
			}
			ImageReader reader = readers.next();
			List<String> warnings = warnings(reader);
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				Limits.pixels(path, width, height);
				Dimension size = stored(target(upright(width, height, orientation), lead), orientation);
				int step = Math.max(1, Math.min(width / size.width, height / size.height));
				ImageReadParam param = reader.getDefaultReadParam();
				param.setSourceSubsampling(step, step, 0, 0);
				BufferedImage image = upright(reader.read(0, param), orientation);
				refuseDamage(path, warnings);
				Dimension upright = target(upright(width, height, orientation), lead);
				return scale(image, upright.width, upright.height);
			}
			catch (IOException | RuntimeException ex) {
				throw new PhotoException(path, "is not a readable image (" + ex.getMessage() + ")", ex);
			}
			finally {
				reader.dispose();
			}
		}
	}

	private static Dimension upright(int width, int height, int orientation) {
		return (orientation >= 5) ? new Dimension(height, width) : new Dimension(width, height);
	}

	private static Dimension stored(Dimension upright, int orientation) {
		return upright(upright.width, upright.height, orientation);
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
