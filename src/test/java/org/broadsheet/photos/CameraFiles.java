package org.broadsheet.photos;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.springframework.util.FileSystemUtils;

/**
 * Camera files as editors bring them, made in the tests rather than committed: a 24 MP JPEG of about
 * 10 MB with the EXIF a camera writes (make, model, serial number, when, and where: a GPS position),
 * stored sideways with an orientation as phones store portrait shots; CMYK and progressive JPEGs; a
 * PNG with transparency. Each has a red block in its stored top-left corner, so that a test can tell
 * which way up it came out.
 */
public final class CameraFiles {

	public static final String MAKE = "Broadsheet Test Camera";

	public static final String MODEL = "BTC-24 Mark II";

	public static final String SERIAL = "SN0047110815";

	public static final double LATITUDE = 39.0392;

	public static final double LONGITUDE = 125.7625;

	/**
	 * Strings of the camera's metadata no served file may contain: long enough that compressed pixels
	 * never hold them by chance. That the segments and chunks holding metadata are gone is checked apart.
	 */
	public static final String[] PRIVATE = { MAKE, MODEL, SERIAL, "Exif\0\0", "2014:05:21 09:30:00", "ICC_PROFILE",
			"http://ns.adobe.com/xap" };

	private static final Map<String, byte[]> MADE = new ConcurrentHashMap<>();

	/** Each size's pixels, encoded once: apart from {@link #MADE}, which is filled while these are made. */
	private static final Map<String, byte[]> PIXELS = new ConcurrentHashMap<>();

	/**
	 * Writes the article with three camera files into a folder, for trying Broadsheet by hand and for
	 * {@code src/test/bench/startup.sh}: {@code java -cp ... org.broadsheet.photos.CameraFiles <folder>}.
	 */
	public static void main(String[] args) {
		System.out.println(article(Path.of(args[0]), true));
	}

	private CameraFiles() {
	}

	/**
	 * The real article with camera files in place of its stand-ins, as an editor would put them: the
	 * feature photo, and the soldiers as a portrait stored sideways; with all three, Kim's supporters
	 * too, else that one stays a drawing.
	 * @return the article file
	 */
	public static Path article(Path folder, boolean allThree) {
		return article(folder, allThree, FULL_SIZE);
	}

	/**
	 * The same with camera files of the given size: {@link #FULL_SIZE} where memory or time is the
	 * case, {@link #PHONE_SIZE} where only what is served is, as every width and crop comes out the same.
	 */
	public static Path article(Path folder, boolean allThree, Dimension size) {
		try {
			Files.createDirectories(folder.resolve("images"));
			Files.write(folder.resolve("images/feature.jpg"), camera(1, size));
			Files.write(folder.resolve("images/soldiers-march.jpg"), camera(6, size));
			String text = Files.readString(Path.of("content/article.md"))
				.replace("images/feature.svg", "images/feature.jpg")
				.replace("images/soldiers-march.svg", "images/soldiers-march.jpg");
			if (allThree) {
				Files.write(folder.resolve("images/kim-supporters.jpg"), camera(3, size));
				text = text.replace("images/kim-supporters.svg", "images/kim-supporters.jpg");
			}
			else {
				Files.copy(Path.of("content/images/kim-supporters.svg"), folder.resolve("images/kim-supporters.svg"),
						StandardCopyOption.REPLACE_EXISTING);
			}
			return Files.writeString(folder.resolve("article.md"), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@link #article(Path, boolean, Dimension)} with two phone-sized camera files, in a new temporary
	 * folder that is deleted when the JVM exits, for fixtures shared by a whole test run.
	 * @return the article file
	 */
	public static Path temporaryArticle(String prefix) {
		try {
			Path folder = Files.createTempDirectory(prefix);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(folder.toFile())));
			return article(folder, false, PHONE_SIZE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A 24 MP camera's photo, 6000 × 4000, about 10 MB as a JPEG. */
	public static final Dimension FULL_SIZE = new Dimension(6000, 4000);

	/**
	 * A phone's 6 MP photo, 3000 × 2000: large enough that every width and crop is developed as from
	 * a 24 MP one, at a quarter of the cost.
	 */
	public static final Dimension PHONE_SIZE = new Dimension(3000, 2000);

	/** A {@link #FULL_SIZE} camera JPEG, with EXIF and the given orientation; made once per run. */
	public static byte[] camera(int orientation) {
		return camera(orientation, FULL_SIZE);
	}

	/** A camera JPEG of the given size, with EXIF and the given orientation; made once per run. */
	public static byte[] camera(int orientation, Dimension size) {
		return MADE.computeIfAbsent("camera-" + orientation + "-" + size.width + "x" + size.height,
				(key) -> jpeg(size.width, size.height, orientation));
	}

	/**
	 * A camera JPEG of the given size, with EXIF (make, model, serial, date, GPS) and orientation. The
	 * pixels of each size are encoded once a run: photos that differ only in orientation share them.
	 */
	public static byte[] jpeg(int width, int height, int orientation) {
		try {
			byte[] plain = PIXELS.computeIfAbsent(width + "x" + height, (key) -> {
				try {
					return encode(texture(width, height, BufferedImage.TYPE_3BYTE_BGR), false, 0.92f);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			ByteArrayOutputStream withExif = new ByteArrayOutputStream(plain.length + 4096);
			new ExifRewriter().updateExifMetadataLossless(plain, withExif, exif(orientation));
			return withExif.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] progressiveJpeg(int width, int height) {
		try {
			return encode(texture(width, height, BufferedImage.TYPE_3BYTE_BGR), true, 0.9f);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A CMYK JPEG, as print workflows export them, written by TwelveMonkeys with its Adobe marker. */
	public static byte[] cmykJpeg(int width, int height) {
		BufferedImage rgb = texture(width, height, BufferedImage.TYPE_INT_RGB);
		WritableRaster cmyk = java.awt.image.Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
		byte[] samples = ((DataBufferByte) cmyk.getDataBuffer()).getData();
		for (int y = 0, i = 0; y < height; y++) {
			for (int x = 0; x < width; x++, i += 4) {
				int pixel = rgb.getRGB(x, y);
				int c = 255 - ((pixel >> 16) & 0xff);
				int m = 255 - ((pixel >> 8) & 0xff);
				int ye = 255 - (pixel & 0xff);
				int k = Math.min(c, Math.min(m, ye));
				samples[i] = (byte) (c - k);
				samples[i + 1] = (byte) (m - k);
				samples[i + 2] = (byte) (ye - k);
				samples[i + 3] = (byte) k;
			}
		}
		ColorSpace space = com.twelvemonkeys.imageio.color.ColorSpaces.getColorSpace(
				com.twelvemonkeys.imageio.color.ColorSpaces.CS_GENERIC_CMYK);
		BufferedImage image = new BufferedImage(new ComponentColorModel(space, false, false, Transparency.OPAQUE,
				DataBuffer.TYPE_BYTE), cmyk, false, null);
		try {
			Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
			ImageWriter writer = writers.next();
			while (!writer.getClass().getName().startsWith("com.twelvemonkeys.") && writers.hasNext()) {
				writer = writers.next();
			}
			return write(writer, image, 0.9f, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PNG with a transparent margin around an opaque middle, as design tools export cut-outs. */
	public static byte[] pngWithAlpha(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D graphics = image.createGraphics();
		graphics.drawImage(texture(width / 2, height / 2, BufferedImage.TYPE_INT_RGB), width / 4, height / 4, null);
		graphics.setColor(Color.RED);
		graphics.fillRect(0, 0, width / 15, width / 15);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Photo-like pixels: broad colour gradients, a texture at a few scales and sensor grain, so that it
	 * compresses as a photo does (24 MP to about 10 MB at quality 0.92). A red block marks the stored
	 * top-left corner.
	 */
	static BufferedImage texture(int width, int height, int type) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
		double[] across = new double[width];
		double[] fine = new double[width];
		double[] weave = new double[width];
		for (int x = 0; x < width; x++) {
			across[x] = Math.sin(x * 9.0 / width);
			fine[x] = Math.sin(x / 37.0);
			weave[x] = Math.cos(x / 17.0);
		}
		long seed = 42;
		int mark = Math.max(1, width / 15);
		for (int y = 0; y < height; y++) {
			double down = Math.cos(y * 3.0 / height);
			double rows = Math.cos(y / 23.0);
			double ripple = Math.sin(y / 29.0 + 1);
			for (int x = 0, i = y * width * 3; x < width; x++, i += 3) {
				seed = seed * 6364136223846793005L + 1442695040888963407L;
				int grain = (int) (seed >>> 58) - 32;
				int r = (int) (120 + 60 * across[x] * down + 40 * fine[x] * rows) + grain / 2;
				int g = (int) (110 + 50 * down * weave[x] + 35 * fine[x] * ripple) + grain / 2;
				int b = (int) (100 + 70.0 * y / height + 30 * weave[x] * rows) + grain / 2;
				if (x < mark && y < mark) {
					r = 230;
					g = 10;
					b = 10;
				}
				pixels[i] = (byte) clamp(b);
				pixels[i + 1] = (byte) clamp(g);
				pixels[i + 2] = (byte) clamp(r);
			}
		}
		if (type == image.getType()) {
			return image;
		}
		BufferedImage converted = new BufferedImage(width, height, type);
		converted.getGraphics().drawImage(image, 0, 0, null);
		return converted;
	}

	private static int clamp(int value) {
		return Math.max(0, Math.min(255, value));
	}

	private static TiffOutputSet exif(int orientation) throws ImagingException {
		TiffOutputSet exif = new TiffOutputSet(ByteOrder.BIG_ENDIAN);
		TiffOutputDirectory root = exif.getOrCreateRootDirectory();
		root.add(TiffTagConstants.TIFF_TAG_MAKE, MAKE);
		root.add(TiffTagConstants.TIFF_TAG_MODEL, MODEL);
		root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
		TiffOutputDirectory camera = exif.getOrCreateExifDirectory();
		camera.add(ExifTagConstants.EXIF_TAG_BODY_SERIAL_NUMBER, SERIAL);
		camera.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2014:05:21 09:30:00");
		// longitude first: commons-imaging's order
		exif.setGpsInDegrees(LONGITUDE, LATITUDE);
		return exif;
	}

	private static byte[] encode(BufferedImage image, boolean progressive, float quality) throws IOException {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
		ImageWriter writer = writers.next();
		while (!writer.getClass().getName().startsWith("com.sun.") && writers.hasNext()) {
			writer = writers.next();
		}
		return write(writer, image, quality, progressive);
	}

	private static byte[] write(ImageWriter writer, BufferedImage image, float quality, boolean progressive)
			throws IOException {
		try {
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			if (progressive) {
				param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
				writer.setOutput(out);
				writer.write(null, new IIOImage(image, null, null), param);
			}
			return bytes.toByteArray();
		}
		finally {
			writer.dispose();
		}
	}

}
