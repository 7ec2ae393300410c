package org.broadsheet.photos;

import java.awt.Dimension;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
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

	/**
	 * A camera file's pixels, decoded.
	 * @param averaged whether it was averaged down as it was decoded ({@link AreaAverage}), as an
	 * ordinary JPEG is, rather than subsampled
	 */
	record Decoded(BufferedImage image, boolean averaged) {
	}

	private CameraFile() {
	}

	/**
	 * Reads a camera file whose structure has been checked: a JPEG's markers or a PNG's chunks are read
	 * through first, so that a file cut off, stuffed with metadata or claiming a billion pixels is
	 * refused before any decoder starts.
	 */
	static Decoded read(Snapshot snapshot, boolean lead) throws IOException, PhotoException {
		String path = snapshot.path();
		if (snapshot.kind() == FileKind.JPEG) {
			JpegMarkers markers = JpegMarkers.read(path, snapshot.file());
			if (markers.sequential()) {
				BufferedImage image = readAveraged(snapshot, markers.orientation(), lead, jdkJpegReader());
				if (image != null) {
					return new Decoded(image, true);
				}
			}
			return new Decoded(readSubsampled(snapshot, markers.orientation(), lead), false);
		}
		PngChunks.read(path, snapshot.file());
		return new Decoded(readSubsampled(snapshot, 1, lead), false);
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
	static BufferedImage readAveraged(Snapshot snapshot, int orientation, boolean lead, ImageReader reader)
			throws IOException, PhotoException {
		String path = snapshot.path();
		if (reader == null) {
			logger.warn("Reading " + path + " with subsampling: this JDK has no JPEG reader of its own to average it");
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
			Dimension size = stored(Sizes.STANDARD.target(upright(width, height, orientation), lead), orientation);
			AreaAverage sink = new AreaAverage(width, height, model.getNumComponents(), size.width, size.height);
			ImageReadParam param = reader.getDefaultReadParam();
			param.setDestination(new BufferedImage(model, sink, false, null));
			reader.read(0, param);
			refuseDamage(path, warnings);
			return Pixels.upright(packed(model.getColorSpace(), sink.pixels(), size), orientation);
		}
		catch (IOException | RuntimeException ex) {
			// a JPEG the JDK's reader cannot decode, or did not write as AreaAverage expects: read it the
			// documented way, which reports what is wrong if nothing can read it. Said aloud, as a JDK that
			// stopped writing whole lines would otherwise swap every photo to subsampling silently.
			logger.warn("Reading " + path + " with subsampling, as averaging it down as it was decoded failed (" + ex
					+ "); it may look a little less smooth");
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
				Dimension upright = Sizes.STANDARD.target(upright(width, height, orientation), lead);
				Dimension size = stored(upright, orientation);
				int step = Math.max(1, Math.min(width / size.width, height / size.height));
				ImageReadParam param = reader.getDefaultReadParam();
				param.setSourceSubsampling(step, step, 0, 0);
				BufferedImage image = Pixels.upright(reader.read(0, param), orientation);
				refuseDamage(path, warnings);
				return Pixels.scale(image, upright.width, upright.height);
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

}
