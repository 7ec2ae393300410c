package org.broadsheet.photos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/**
 * A file served as it is: an SVG drawing, or a GIF, which may move. Its size comes from its own
 * bytes, so that the page can reserve its space and nothing shifts as it loads.
 */
final class Drawing {

	/** Marks a drawing that stands in for a photo not yet licensed: {@code <svg data-stand-in="true">}. */
	private static final String STAND_IN_ATTRIBUTE = "data-stand-in";

	/** A length in an SVG's width, height or viewBox; bounded, so a run of digits cannot make it slow. */
	private static final Pattern LENGTH = Pattern.compile("(?:[0-9]{1,12}(?:\\.[0-9]{1,12})?|\\.[0-9]{1,12})");

	private Drawing() {
	}

	static Photo svg(String path, byte[] bytes) throws PhotoException {
		Element root;
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setNamespaceAware(true);
			root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement();
		}
		catch (Exception ex) {
			throw new PhotoException(path, "is not a well-formed SVG file", ex);
		}
		if (!"svg".equals(root.getLocalName())) {
			throw new PhotoException(path, "is not an SVG file: its root element is <" + root.getTagName() + ">");
		}
		double width = length(root.getAttribute("width"));
		double height = length(root.getAttribute("height"));
		String[] viewBox = root.getAttribute("viewBox").trim().split("[\\s,]+");
		if ((width <= 0 || height <= 0) && viewBox.length == 4) {
			width = length(viewBox[2]);
			height = length(viewBox[3]);
		}
		if (width <= 0 || height <= 0) {
			throw new PhotoException(path, "gives no size: add width and height, or a viewBox, to its <svg> element");
		}
		boolean standIn = "true".equals(root.getAttribute(STAND_IN_ATTRIBUTE));
		return asItIs(path, bytes, "image/svg+xml", (int) Math.round(width), (int) Math.round(height), standIn);
	}

	static Photo gif(String path, byte[] bytes) throws PhotoException {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (readers.hasNext()) {
				ImageReader reader = readers.next();
				try {
					reader.setInput(input, true, true);
					return asItIs(path, bytes, "image/gif", reader.getWidth(0), reader.getHeight(0), false);
				}
				finally {
					reader.dispose();
				}
			}
		}
		catch (IOException ex) {
			throw new PhotoException(path, "is not a readable GIF image", ex);
		}
		throw new PhotoException(path, "is not a readable GIF image");
	}

	private static Photo asItIs(String path, byte[] bytes, String mediaType, int width, int height, boolean standIn) {
		int dot = path.lastIndexOf('.');
		Variant file = new Variant(path.substring(0, dot) + "-" + Fingerprint.of(bytes) + path.substring(dot),
				mediaType, width, height, bytes);
		return new Photo(path, width, height, standIn, List.of(file), List.of());
	}

	private static double length(String value) {
		String number = value.trim().replaceFirst("px$", "");
		return LENGTH.matcher(number).matches() ? Double.parseDouble(number) : -1;
	}

}
