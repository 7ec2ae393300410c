package org.broadsheet.photos;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

/**
 * A picture placed in a drawing as a {@code data:} URL, as design tools embed a bitmap, decoded and
 * encoded again from its pixels alone: a placed JPEG carries its camera's EXIF (the GPS position
 * where it was taken, the camera's serial number), and none of it may reach a reader.
 */
final class EmbeddedPicture {

	private static final Pattern DATA_URL = Pattern.compile("data:image/(png|jpe?g|gif|webp);base64,(.*)",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final float JPEG_QUALITY = 0.9f;

	private EmbeddedPicture() {
	}

	/** Whether a link is an embedded PNG, JPEG, GIF or WebP picture. */
	static boolean is(String url) {
		return DATA_URL.matcher(url).matches();
	}

	/**
	 * The picture again, as PNG (or, when it was a JPEG, as a JPEG) with nothing but its pixels, turned
	 * upright as its EXIF said; null when it cannot be read, which a browser would not show either.
	 */
	static String rebuilt(String path, String url) throws PhotoException {
		Matcher data = DATA_URL.matcher(url);
		if (!data.matches()) {
			return null;
		}
		boolean jpeg = data.group(1).toLowerCase(Locale.ROOT).startsWith("jp");
		try {
			byte[] bytes = Base64.getMimeDecoder().decode(data.group(2));
			BufferedImage image = read(path, bytes);
			return jpeg ? "data:image/jpeg;base64," + base64(jpeg(image))
					: "data:image/png;base64," + base64(png(image));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Reads the picture's structure first, as a camera file's is, so that a picture claiming a billion
	 * pixels, cut off, or stuffed with metadata is refused before it is decoded.
	 * @return the picture, upright
	 */
	private static BufferedImage read(String path, byte[] bytes) throws IOException, PhotoException {
		int orientation = 1;
		try {
			FileKind kind = FileKind.of(Arrays.copyOf(bytes, Math.min(bytes.length, FileKind.HEAD)));
			if (kind == FileKind.JPEG) {
				orientation = JpegMarkers.read(path, new ByteArrayInputStream(bytes)).orientation();
			}
			else if (kind == FileKind.PNG) {
				PngChunks.read(path, new ByteArrayInputStream(bytes));
			}
		}
		catch (PhotoException ex) {
			throw new PhotoException(path, "embeds a picture that " + ex.getMessage(), ex);
		}
		try (ImageInputStream input = new ByteArrayImageInputStream(bytes)) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new IOException("no reader");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if ((long) width * height > Limits.MAX_EMBEDDED_PIXELS) {
					throw new PhotoException(path, "embeds a picture of " + width + " × " + height + " pixels, more "
							+ "than the " + (Limits.MAX_EMBEDDED_PIXELS / 1_000_000) + " megapixels a drawing's placed "
							+ "picture may have; place a smaller copy, or publish the picture as a photo of its own");
				}
				return Pixels.upright(reader.read(0), orientation);
			}
			finally {
				reader.dispose();
			}
		}
	}

	private static byte[] png(BufferedImage image) throws IOException {
		return write(jdkWriter("png"), image, null);
	}

	/** The JDK's own writer, given no metadata, writes a JFIF header and the pixels: no EXIF, XMP or ICC. */
	private static byte[] jpeg(BufferedImage image) throws IOException {
		BufferedImage rgb = image;
		if (image.getType() != BufferedImage.TYPE_INT_RGB) {
			rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
			Graphics2D graphics = rgb.createGraphics();
			graphics.drawImage(image, 0, 0, Color.WHITE, null);
			graphics.dispose();
		}
		ImageWriter writer = jdkWriter("jpeg");
		ImageWriteParam param = writer.getDefaultWriteParam();
		param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
		param.setCompressionQuality(JPEG_QUALITY);
		return write(writer, rgb, param);
	}

	private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(output);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	/** The JDK's writer rather than a plug-in's, whose defaults this class does not know. */
	private static ImageWriter jdkWriter(String format) throws IOException {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
		while (writers.hasNext()) {
			ImageWriter writer = writers.next();
			if (writer.getClass().getName().startsWith("com.sun.imageio.")) {
				return writer;
			}
		}
		throw new IOException("the JDK has no " + format + " writer");
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

}
