package org.broadsheet.photos;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;

/**
 * Encodes an image as WebP or JPEG with nothing in the file but the pixels: no EXIF, no GPS, no camera
 * or serial number, no thumbnail, no XMP, no colour profile (browsers take an untagged image as sRGB,
 * which it now is). Quality 0.8 in both, which looks as the camera file did at the sizes served.
 */
final class PhotoWriter {

	static final float QUALITY = 0.8f;

	/**
	 * libwebp's effort, 0 to 6: lower than its default 4, as slightly larger files in much less time keep
	 * developing camera files within seconds of start-up (see the benchmark results).
	 */
	static final int WEBP_METHOD = 2;

	private PhotoWriter() {
	}

	static byte[] webp(BufferedImage image) throws IOException {
		ImageWriter writer = new WebPImageWriterSpi().createWriterInstance();
		try {
			WebPWriteParam param = (WebPWriteParam) writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionType(CompressionType.Lossy);
			param.setCompressionQuality(QUALITY);
			param.setMethod(WEBP_METHOD);
			return write(writer, new IIOImage(uncopied(image), null, null), param);
		}
		finally {
			writer.dispose();
		}
	}

	/** @param paper what transparent parts are laid on, as JPEG has no transparency */
	static byte[] jpeg(BufferedImage image, float quality, Color paper) throws IOException {
		BufferedImage opaque = opaque(image, paper);
		ImageWriter writer = jdkJpegWriter();
		try {
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			// baseline with optimised tables: about as small as progressive, and faster to write
			((JPEGImageWriteParam) param).setOptimizeHuffmanTables(true);
			// the default metadata would add a JFIF segment; keep only what decoding needs
			IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(opaque),
					param);
			String format = "javax_imageio_jpeg_image_1.0";
			IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
			IIOMetadataNode variety = (IIOMetadataNode) root.getElementsByTagName("JPEGvariety").item(0);
			while (variety.hasChildNodes()) {
				variety.removeChild(variety.getFirstChild());
			}
			metadata.setFromTree(format, root);
			return write(writer, new IIOImage(opaque, null, metadata), param);
		}
		finally {
			writer.dispose();
		}
	}

	private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			writer.write(null, image, param);
		}
		return bytes.toByteArray();
	}

	private static ImageWriter jdkJpegWriter() {
		for (Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg"); writers.hasNext();) {
			ImageWriter writer = writers.next();
			if (writer.getClass().getName().startsWith("com.sun.imageio.")) {
				return writer;
			}
			writer.dispose();
		}
		throw new IllegalStateException("The JDK's JPEG writer is missing");
	}

	private static BufferedImage opaque(BufferedImage image, Color paper) {
		if (!image.getColorModel().hasAlpha()) {
			return image;
		}
		BufferedImage opaque = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = opaque.createGraphics();
		try {
			graphics.setColor(paper);
			graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
			graphics.drawImage(image, 0, 0, null);
		}
		finally {
			graphics.dispose();
		}
		return opaque;
	}

	/** The WebP writer asks for {@code getData()}, which copies the whole raster; this view does not. */
	private static BufferedImage uncopied(BufferedImage image) {
		return new BufferedImage(image.getColorModel(), image.getRaster(), image.isAlphaPremultiplied(), null) {
			@Override
			public Raster getData() {
				return getRaster();
			}
		};
	}

}
