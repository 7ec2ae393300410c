package org.broadsheet.photos;

import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import static org.broadsheet.photos.SvgAllowList.SVG;
import static org.broadsheet.photos.SvgAllowList.XLINK;

/**
 * Builds a new drawing from a parsed one, element by element, keeping only what {@link SvgAllowList}
 * names and values that load nothing, for {@link DrawingWriter} to write. What is served is what was checked:
 * nothing of the editor's bytes is copied as it was, no comment, DOCTYPE or processing instruction.
 */
final class DrawingRebuilder {

	/** Marks a drawing that stands in for a photo not yet licensed: {@code <svg data-stand-in="true">}. */
	static final String STAND_IN = "data-stand-in";

	private static final String XHTML = "http://www.w3.org/1999/xhtml";

	private final String path;

	private final Removals removed;

	private final Document built;

	private DrawingRebuilder(String path, Removals removed) {
		this.path = path;
		this.removed = removed;
		try {
			this.built = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The drawing rebuilt, as UTF-8: its root is an {@code <svg>} in the SVG namespace. */
	static byte[] rebuild(String path, Document parsed, Removals removed) throws PhotoException {
		DrawingRebuilder rebuilder = new DrawingRebuilder(path, removed);
		for (Node node = parsed.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node.getNodeType() == Node.DOCUMENT_TYPE_NODE) {
				removed.idle("the DOCTYPE");
			}
			else if (node.getNodeType() != Node.ELEMENT_NODE) {
				rebuilder.skip(node);
			}
		}
		Element root = rebuilder.element(parsed.getDocumentElement());
		rebuilder.built.appendChild(root);
		rebuilder.children(parsed.getDocumentElement(), root);
		return DrawingWriter.utf8(rebuilder.built);
	}

	private void children(Element source, Node target) throws PhotoException {
		boolean removedBefore = false;
		for (Node node = source.getFirstChild(); node != null; node = node.getNextSibling()) {
			Node last = target.getLastChild();
			switch (node.getNodeType()) {
				case Node.ELEMENT_NODE -> child((Element) node, target);
				case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
					// the line that a removed element or comment stood on goes with it
					if (!(removedBefore && node.getNodeValue().isBlank())) {
						text(node.getNodeValue(), target);
					}
				}
				default -> skip(node);
			}
			removedBefore = target.getLastChild() == last && node.getNodeType() != Node.TEXT_NODE
					&& node.getNodeType() != Node.CDATA_SECTION_NODE;
		}
	}

	private void child(Element source, Node target) throws PhotoException {
		String name = source.getLocalName();
		boolean svg = SVG.equals(source.getNamespaceURI());
		if (svg && name.equals("a")) {
			// a link draws nothing, but what it holds may: that is kept, without the link
			if (source.hasAttribute("href") || source.hasAttributeNS(XLINK, "href")) {
				this.removed.active("<a " + Removals.attributes(source) + ">");
			}
			else {
				this.removed.idle("<a>");
			}
			children(source, target);
		}
		else if (!svg || !SvgAllowList.ELEMENTS.contains(name)) {
			String what = "<" + source.getTagName() + ">";
			boolean html = XHTML.equals(source.getNamespaceURI())
					|| source.getElementsByTagNameNS(XHTML, "*").getLength() > 0;
			if (html || svg && SvgAllowList.ACTIVE.contains(name) && !name.equals("foreignObject")) {
				this.removed.active(what);
			}
			else {
				this.removed.idle(what);
			}
		}
		else if (SvgAllowList.ANIMATIONS.contains(name) && !SvgAllowList.harmlessAnimation(source)) {
			String animated = source.getAttribute("attributeName").strip();
			String lower = animated.toLowerCase(Locale.ROOT);
			String what = "<" + source.getTagName() + " " + Removals.attributes(source) + ">";
			// an animation of what may be animated is refused for its values, which load something
			if (SvgAllowList.ANIMATED.contains(animated) || lower.contains("href") || lower.startsWith("on")) {
				this.removed.active(what);
			}
			else {
				this.removed.idle(what);
			}
		}
		else if (name.equals("style")) {
			style(source, target);
		}
		else {
			Element element = element(source);
			target.appendChild(element);
			children(source, element);
		}
	}

	/** A new element in the SVG namespace, with the attributes of the source that pass. */
	private Element element(Element source) throws PhotoException {
		Element element = this.built.createElementNS(SVG, source.getLocalName());
		NamedNodeMap attributes = source.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			String namespace = attribute.getNamespaceURI();
			String name = (attribute.getLocalName() != null) ? attribute.getLocalName() : attribute.getName();
			String value = attribute.getValue();
			if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace)) {
				continue; // the namespaces that the rebuilt drawing needs are declared when it is written
			}
			if (XLINK.equals(namespace) && name.equals("href") || namespace == null && name.equals("href")) {
				String link = link(source, attribute);
				if (link != null) {
					element.setAttributeNS(namespace, XLINK.equals(namespace) ? "xlink:href" : "href", link);
				}
			}
			else if (XMLConstants.XML_NS_URI.equals(namespace) && (name.equals("space") || name.equals("lang"))) {
				element.setAttributeNS(namespace, "xml:" + name, value);
			}
			else if (namespace != null) {
				this.removed.idle(attribute.getName());
			}
			else if (name.toLowerCase(Locale.ROOT).startsWith("on")) {
				this.removed.active(name);
			}
			else if (name.equals("style")) {
				String style = CssRebuilder.declarations(value, this.removed);
				if (!style.isEmpty()) {
					element.setAttribute(name, style);
				}
			}
			else if (name.equals(STAND_IN) && source.getParentNode().getNodeType() == Node.DOCUMENT_NODE
					|| SvgAllowList.ATTRIBUTES.contains(name)) {
				if (SvgAllowList.safeValue(name, value)) {
					element.setAttribute(name, value);
				}
				else {
					this.removed.active(Removals.attribute(name, value));
				}
			}
			else {
				this.removed.idle(name);
			}
		}
		return element;
	}

	/** A link kept as it is when it points within the drawing, an embedded picture rebuilt; null otherwise. */
	private String link(Element source, Attr attribute) throws PhotoException {
		String value = attribute.getValue().strip();
		if (SvgAllowList.fragment(value)) {
			return value;
		}
		if (SvgAllowList.PICTURES.contains(source.getLocalName()) && EmbeddedPicture.is(value)) {
			String picture = EmbeddedPicture.rebuilt(this.path, value);
			if (picture == null) {
				this.removed.idle("a picture that cannot be read ("
						+ Removals.attribute(attribute.getName(), value) + ")");
			}
			return picture;
		}
		this.removed.active(Removals.attribute(attribute.getName(), value));
		return null;
	}

	private void style(Element source, Node target) throws PhotoException {
		String type = source.getAttribute("type").strip();
		if (!type.isEmpty() && !type.equalsIgnoreCase("text/css")) {
			this.removed.idle("<style type=\"" + Removals.quoted(type) + "\">");
			return;
		}
		StringBuilder css = new StringBuilder();
		for (Node node = source.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
				css.append(node.getNodeValue());
			}
			else {
				skip(node);
			}
		}
		String rules = CssRebuilder.styleSheet(css.toString(), this.removed);
		if (!rules.isEmpty()) {
			Element style = element(source);
			style.appendChild(this.built.createTextNode(rules));
			target.appendChild(style);
		}
	}

	/** Text where it is drawn or read aloud, and the white space that lays out the file; no other text. */
	private void text(String text, Node target) {
		if (SvgAllowList.TEXT.contains(target.getLocalName()) || text.isBlank()) {
			target.appendChild(this.built.createTextNode(text));
		}
		else {
			this.removed.idle("text outside <text> (\"" + Removals.quoted(text) + "\")");
		}
	}

	private void skip(Node node) {
		switch (node.getNodeType()) {
			case Node.COMMENT_NODE -> this.removed.comment();
			case Node.PROCESSING_INSTRUCTION_NODE -> {
				if (node.getNodeName().equalsIgnoreCase("xml-stylesheet")) {
					this.removed.active("<?xml-stylesheet " + Removals.quoted(node.getNodeValue()) + "?>");
				}
				else {
					this.removed.instruction();
				}
			}
			case Node.ENTITY_REFERENCE_NODE -> this.removed.active("&" + node.getNodeName() + "; (never read)");
			case Node.ELEMENT_NODE -> this.removed.idle("<" + ((Element) node).getTagName() + ">");
			default -> this.removed.idle(node.getNodeName());
		}
	}

}
