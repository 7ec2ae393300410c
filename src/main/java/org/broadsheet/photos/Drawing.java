package org.broadsheet.photos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A file served as it is: an SVG drawing, or a GIF, which may move. Its size comes from its own
 * bytes, so that the page can reserve its space and nothing shifts as it loads.
 */
final class Drawing {

	/** Marks a drawing that stands in for a photo not yet licensed: {@code <svg data-stand-in="true">}. */
	private static final String STAND_IN_ATTRIBUTE = "data-stand-in";

	/** Elements that run code or hold another document. */
	private static final Set<String> ACTIVE_ELEMENTS = Set.of("script", "foreignobject", "iframe", "embed", "object",
			"handler", "listener", "audio", "video");

	/** A picture embedded in the drawing itself, as design tools export a placed bitmap. */
	private static final Pattern EMBEDDED_IMAGE = Pattern.compile("data:image/(?:png|jpe?g|gif|webp);",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?\\s*([^'\")\\s]*)",
			Pattern.CASE_INSENSITIVE);

	/** A DOCTYPE with an internal subset: {@code <!DOCTYPE svg [ <!ENTITY ...> ]>}. */
	private static final Pattern INTERNAL_SUBSET = Pattern.compile("<!DOCTYPE[^>\\[]{0,1000}\\[");

	/** A length in an SVG's width, height or viewBox; bounded, so a run of digits cannot make it slow. */
	private static final Pattern LENGTH = Pattern.compile("(?:[0-9]{1,12}(?:\\.[0-9]{1,12})?|\\.[0-9]{1,12})");

	private Drawing() {
	}

	static Photo svg(String path, byte[] bytes) throws PhotoException {
		Element root = parse(path, bytes);
		if (!"svg".equals(root.getLocalName())) {
			throw new PhotoException(path, "is not an SVG file: its root element is <" + root.getTagName() + ">");
		}
		String active = activeContent(root);
		if (active != null) {
			throw new PhotoException(path, "carries " + active + ". A drawing is served from this site, where "
					+ "whatever it runs or loads would run as the site: export it again without scripts, event "
					+ "handlers, embedded HTML or links to other files (design tools have an option for a plain SVG)");
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

	/**
	 * Parses the drawing as XML. A DOCTYPE, as Illustrator writes one, is fine, but nothing it names is
	 * loaded, and one that declares entities of its own is refused: they serve no drawing, and can be
	 * made to read files or multiply a few bytes into gigabytes.
	 */
	private static Element parse(String path, byte[] bytes) throws PhotoException {
		String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
		if (INTERNAL_SUBSET.matcher(head).find()) {
			throw new PhotoException(path, "declares entities in its DOCTYPE, which a drawing does not need; "
					+ "delete the DOCTYPE, or export the SVG again without it");
		}
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setExpandEntityReferences(false);
			factory.setNamespaceAware(true);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(new DefaultHandler());
			return builder.parse(new ByteArrayInputStream(bytes)).getDocumentElement();
		}
		catch (SAXParseException ex) {
			throw new PhotoException(path, "is not well-formed XML (line " + ex.getLineNumber() + ", column "
					+ ex.getColumnNumber() + ": " + ex.getMessage() + "); open it in a design tool and export it again",
					ex);
		}
		catch (Exception ex) {
			throw new PhotoException(path, "is not a readable SVG file (" + ex.getMessage() + ")", ex);
		}
	}

	/** What in a drawing would run, or load another file, when it is opened: null when nothing does. */
	static String activeContent(Element root) {
		NodeList elements = root.getElementsByTagNameNS("*", "*");
		for (int i = -1; i < elements.getLength(); i++) {
			Element element = (i < 0) ? root : (Element) elements.item(i);
			String name = element.getLocalName().toLowerCase(Locale.ROOT);
			if (ACTIVE_ELEMENTS.contains(name)) {
				return "<" + element.getLocalName() + ">" + (name.equals("foreignobject") ? ", which holds HTML" : "");
			}
			if (name.startsWith("animate") || name.equals("set")) {
				String target = element.getAttribute("attributeName").toLowerCase(Locale.ROOT);
				if (target.endsWith("href") || target.startsWith("on")) {
					return "an <" + element.getLocalName() + "> that changes " + target;
				}
			}
			if (name.equals("style") && !safeStyle(element.getTextContent())) {
				return "a <style> that loads another file";
			}
			NamedNodeMap attributes = element.getAttributes();
			for (int a = 0; a < attributes.getLength(); a++) {
				Node attribute = attributes.item(a);
				String attributeName = ((attribute.getLocalName() != null) ? attribute.getLocalName()
						: attribute.getNodeName()).toLowerCase(Locale.ROOT);
				String value = attribute.getNodeValue().strip();
				if (attributeName.startsWith("on")) {
					return "an " + attribute.getNodeName() + " attribute (an event handler)";
				}
				if (attributeName.equals("href") && !value.startsWith("#") && !EMBEDDED_IMAGE.matcher(value).lookingAt()) {
					return "a link to another file (" + attribute.getNodeName() + "=\"" + abbreviated(value) + "\")";
				}
				if (attributeName.equals("style") && !safeStyle(value)) {
					return "a style attribute that loads another file";
				}
			}
		}
		return null;
	}

	/** A stylesheet may use fragment and embedded-image {@code url()}s, but load nothing else. */
	private static boolean safeStyle(String css) {
		String lower = css.toLowerCase(Locale.ROOT);
		if (lower.contains("@import") || lower.contains("expression(") || lower.contains("javascript:")) {
			return false;
		}
		java.util.regex.Matcher url = CSS_URL.matcher(css);
		while (url.find()) {
			String target = url.group(1);
			if (!target.startsWith("#") && !EMBEDDED_IMAGE.matcher(target).lookingAt()) {
				return false;
			}
		}
		return true;
	}

	private static String abbreviated(String value) {
		return (value.length() > 60) ? value.substring(0, 57) + "..." : value;
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
