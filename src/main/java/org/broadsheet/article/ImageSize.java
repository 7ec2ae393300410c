package org.broadsheet.article;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/**
 * The intrinsic size of a photo, read from its own bytes so that the page can reserve its space and
 * nothing shifts as it loads. SVGs say their size in their root element; raster files in their header.
 */
record ImageSize(int width, int height, String mediaType, boolean standIn) {

	static final Map<String, String> MEDIA_TYPES = Map.of("svg", "image/svg+xml", "png", "image/png", "jpg",
			"image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif");

	/** Marks a drawing that stands in for a photo not yet licensed: {@code <svg data-stand-in="true">}. */
	private static final String STAND_IN_ATTRIBUTE = "data-stand-in";

	static String mediaType(String path) {
		int dot = path.lastIndexOf('.');
		return (dot < 0) ? null : MEDIA_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	/**
	 * @throws IllegalArgumentException with a sentence for the editor when the size cannot be read
	 */
	static ImageSize of(String path, byte[] bytes) {
		String mediaType = mediaType(path);
		if (mediaType == null) {
			throw new IllegalArgumentException("is not an SVG, PNG, JPEG or GIF file");
		}
		return "image/svg+xml".equals(mediaType) ? svg(bytes) : raster(bytes, mediaType);
	}

	private static ImageSize svg(byte[] bytes) {
		Element root;
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setNamespaceAware(true);
			root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement();
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("is not a well-formed SVG file", ex);
		}
		if (!"svg".equals(root.getLocalName())) {
			throw new IllegalArgumentException("is not an SVG file: its root element is <" + root.getTagName() + ">");
		}
		double width = length(root.getAttribute("width"));
		double height = length(root.getAttribute("height"));
		String[] viewBox = root.getAttribute("viewBox").trim().split("[\\s,]+");
		if ((width <= 0 || height <= 0) && viewBox.length == 4) {
			width = length(viewBox[2]);
			height = length(viewBox[3]);
		}
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("gives no size: add width and height, or a viewBox, to its <svg> element");
		}
		boolean standIn = "true".equals(root.getAttribute(STAND_IN_ATTRIBUTE));
		return new ImageSize((int) Math.round(width), (int) Math.round(height), "image/svg+xml", standIn);
	}

	private static double length(String value) {
		String number = value.trim().replaceFirst("px$", "");
		if (number.isEmpty() || !number.matches("[0-9]*\\.?[0-9]+")) {
			return -1;
		}
		return Double.parseDouble(number);
	}

	private static ImageSize raster(byte[] bytes, String mediaType) {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new IllegalArgumentException("is not a readable " + mediaType + " image");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				return new ImageSize(reader.getWidth(0), reader.getHeight(0), mediaType, false);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("is not a readable " + mediaType + " image", ex);
		}
	}

}
