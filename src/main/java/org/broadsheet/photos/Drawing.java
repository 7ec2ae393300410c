package org.broadsheet.photos;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An SVG drawing, served as a new file rebuilt from what it draws. Served from the site's own origin,
 * and from a static host with no Content-Security-Policy, whatever a drawing runs or loads would run
 * as the site; and design tools fill it with their user's name, folders and window layout. Its size
 * comes from its own root element, so that the page can reserve its space and nothing shifts.
 */
final class Drawing {

	private static final Log logger = LogFactory.getLog(Drawing.class);

	/** Illustrator declares a dozen namespaces as entities; a thousand is already a file built to multiply. */
	private static final int ENTITY_EXPANSIONS = 1_000;

	private static final int ENTITY_CHARACTERS = 100_000;

	/** Design tools nest groups a few dozen deep; the rebuild walks the tree, so its depth is bounded. */
	private static final int DEPTH = 500;

	/** A length in an SVG's width, height or viewBox; bounded, so a run of digits cannot make it slow. */
	private static final Pattern LENGTH = Pattern.compile("(?:[0-9]{1,12}(?:\\.[0-9]{1,12})?|\\.[0-9]{1,12})");

	private Drawing() {
	}

	static Photo svg(String path, byte[] bytes) throws PhotoException {
		Document parsed = parse(path, bytes);
		Element root = parsed.getDocumentElement();
		if (!"svg".equals(root.getLocalName())) {
			throw new PhotoException(path, "is not an SVG file: its root element is <"
					+ Removals.quoted(root.getTagName()) + ">");
		}
		if (!SvgAllowList.SVG.equals(root.getNamespaceURI())) {
			throw new PhotoException(path, "is not an SVG file: its <svg> element is not in the SVG namespace; add "
					+ "xmlns=\"" + SvgAllowList.SVG + "\" to it");
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
		Removals removed = new Removals();
		byte[] rebuilt = DrawingRebuilder.rebuild(path, parsed, removed);
		if (!removed.isEmpty()) {
			logger.warn(removed.sentence(path));
		}
		boolean standIn = "true".equals(root.getAttribute(DrawingRebuilder.STAND_IN));
		return Photo.asItIs(path, ".svg", "image/svg+xml", (int) Math.round(width), (int) Math.round(height), standIn,
				rebuilt);
	}

	/**
	 * Parses the drawing as XML, in whatever encoding it declares. Its own entities are expanded, as
	 * older Illustrator files declare their namespaces so, but only so far; nothing outside the file
	 * is ever read, neither an external DTD nor an entity that names a file.
	 */
	private static Document parse(String path, byte[] bytes) throws PhotoException {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
			factory.setAttribute("jdk.xml.entityExpansionLimit", String.valueOf(ENTITY_EXPANSIONS));
			factory.setAttribute("jdk.xml.maxGeneralEntitySizeLimit", String.valueOf(ENTITY_CHARACTERS));
			factory.setAttribute("jdk.xml.maxParameterEntitySizeLimit", String.valueOf(ENTITY_CHARACTERS));
			factory.setAttribute("jdk.xml.totalEntitySizeLimit", String.valueOf(ENTITY_CHARACTERS));
			factory.setAttribute("jdk.xml.entityReplacementLimit", String.valueOf(ENTITY_CHARACTERS));
			factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(DEPTH));
			factory.setExpandEntityReferences(true);
			factory.setNamespaceAware(true);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(new DefaultHandler());
			// were the features above ever ignored, what the file names outside itself reads as empty
			builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
			return builder.parse(new ByteArrayInputStream(bytes));
		}
		catch (SAXParseException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.matches("JAXP0001000[13457]:.*")) {
				throw new PhotoException(path, String.format(Locale.ROOT, "expands its entities past %,d characters or "
						+ "%,d references, as a file made to exhaust the server would; delete its DOCTYPE, or export it "
						+ "again from a design tool", ENTITY_CHARACTERS, ENTITY_EXPANSIONS), ex);
			}
			if (message.startsWith("JAXP00010006:")) {
				throw new PhotoException(path, "nests its elements more than " + DEPTH + " deep, as no design tool "
						+ "does; open it in a design tool and export it again", ex);
			}
			throw new PhotoException(path, "is not well-formed XML (line " + ex.getLineNumber() + ", column "
					+ ex.getColumnNumber() + ": " + ex.getMessage() + "); open it in a design tool and export it again",
					ex);
		}
		catch (Exception ex) {
			throw new PhotoException(path, "is not a readable SVG file (" + ex.getMessage() + ")", ex);
		}
	}

	private static double length(String value) {
		String number = value.trim().replaceFirst("px$", "");
		return LENGTH.matcher(number).matches() ? Double.parseDouble(number) : -1;
	}

}
