package org.broadsheet.photos;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import static org.broadsheet.photos.SvgAllowList.SVG;
import static org.broadsheet.photos.SvgAllowList.XLINK;

/**
 * Builds a new drawing from a parsed one, element by element, keeping only what {@link SvgAllowList}
 * names and values that load nothing, and writes it out as UTF-8. What is served is what was checked:
 * nothing of the editor's bytes is copied as it was, no comment, DOCTYPE or processing instruction.
 */
final class DrawingRebuilder {

	/** Marks a drawing that stands in for a photo not yet licensed: {@code <svg data-stand-in="true">}. */
	static final String STAND_IN = "data-stand-in";

	private static final String XHTML = "http://www.w3.org/1999/xhtml";

	/**
	 * Removed as what could run or load when opened; anything else unknown is removed as drawing
	 * nothing, as is a {@code <foreignObject>} that holds no HTML, such as Illustrator's own.
	 */
	private static final Set<String> ACTIVE = Set.of("script", "foreignObject", "iframe", "embed", "object", "audio",
			"video", "canvas", "handler", "listener", "discard");

	/** A link within the drawing: {@code #id}, to a gradient, a symbol, a path for text. */
	private static final Pattern FRAGMENT = Pattern.compile("#[\\w.:-]+");

	private final String path;

	private final Removals removed;

	private final Document built;

	private boolean xlink;

	private DrawingRebuilder(String path, Removals removed) {
		this.path = path;
		this.removed = removed;
		try {
			this.built = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
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
		return rebuilder.written();
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
		if (!SVG.equals(source.getNamespaceURI()) || !SvgAllowList.ELEMENTS.contains(name)) {
			boolean active = XHTML.equals(source.getNamespaceURI()) || ACTIVE.contains(name) && !name.equals("foreignObject")
					|| name.equals("foreignObject") && source.getElementsByTagNameNS(XHTML, "*").getLength() > 0;
			if (SVG.equals(source.getNamespaceURI()) && name.equals("a")) {
				// a link draws nothing, but what it holds may: keep that, without the link
				boolean link = source.hasAttribute("href") || source.hasAttributeNS(XLINK, "href");
				if (link) {
					this.removed.active("<a " + attributes(source) + ">");
				}
				else {
					this.removed.idle("<a>");
				}
				children(source, target);
				return;
			}
			String what = "<" + source.getTagName() + ">";
			if (active) {
				this.removed.active(what);
			}
			else {
				this.removed.idle(what);
			}
			return;
		}
		if (SvgAllowList.ANIMATIONS.contains(name) && !harmlessAnimation(source)) {
			String target = source.getAttribute("attributeName").strip().toLowerCase(Locale.ROOT);
			String what = "<" + source.getTagName() + " " + attributes(source) + ">";
			if (SvgAllowList.ANIMATED.contains(target) || target.contains("href") || target.startsWith("on")) {
				this.removed.active(what);
			}
			else {
				this.removed.idle(what);
			}
			return;
		}
		if (name.equals("style")) {
			style(source, target);
			return;
		}
		Element element = element(source);
		target.appendChild(element);
		children(source, element);
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
					this.xlink |= XLINK.equals(namespace);
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
				if (safeValue(name, value)) {
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
		if (FRAGMENT.matcher(value).matches()) {
			return value;
		}
		if (SvgAllowList.PICTURES.contains(source.getLocalName()) && EmbeddedPicture.is(value)) {
			String picture = EmbeddedPicture.rebuilt(this.path, value);
			if (picture == null) {
				this.removed.idle("a picture that cannot be read (" + Removals.attribute(attribute.getName(), value) + ")");
			}
			return picture;
		}
		this.removed.active(Removals.attribute(attribute.getName(), value));
		return null;
	}

	/** An animation of how something looks or where it is, to values that load nothing. */
	private static boolean harmlessAnimation(Element animation) {
		String target = animation.getAttribute("attributeName").strip();
		if (!animation.getLocalName().equals("animateMotion")
				&& (!SvgAllowList.ANIMATED.contains(target) || target.contains("href"))) {
			return false;
		}
		for (String name : new String[] { "from", "to", "by", "values" }) {
			for (String value : animation.getAttribute(name).split(";")) {
				if (!safeValue(target, value.strip())) {
					return false;
				}
			}
		}
		return true;
	}

	/** Presentation attributes are read as CSS, so checked as CSS; the rest may name only parts of the drawing. */
	private static boolean safeValue(String name, String value) {
		return SvgAllowList.PRESENTATION.contains(name) ? CssRebuilder.safe(value)
				: CssRebuilder.onlyFragmentUrls(value);
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

	private static String attributes(Element element) {
		StringBuilder text = new StringBuilder();
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
				text.append((text.length() > 0) ? " " : "").append(Removals.attribute(attribute.getName(), attribute.getValue()));
			}
		}
		return text.toString();
	}

	private byte[] written() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
			writer.writeStartDocument("UTF-8", "1.0");
			writer.writeCharacters("\n");
			write(this.built.getDocumentElement(), writer, true);
			writer.writeCharacters("\n");
			writer.writeEndDocument();
			writer.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	private void write(Element element, XMLStreamWriter writer, boolean root) throws XMLStreamException {
		if (element.hasChildNodes()) {
			writer.writeStartElement(element.getLocalName());
		}
		else {
			writer.writeEmptyElement(element.getLocalName());
		}
		if (root) {
			writer.writeDefaultNamespace(SVG);
			if (this.xlink) {
				writer.writeNamespace("xlink", XLINK);
			}
		}
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			if (attribute.getNamespaceURI() == null) {
				writer.writeAttribute(attribute.getName(), attribute.getValue());
			}
			else {
				writer.writeAttribute(attribute.getPrefix(), attribute.getNamespaceURI(), attribute.getLocalName(),
						attribute.getValue());
			}
		}
		for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node.getNodeType() == Node.ELEMENT_NODE) {
				write((Element) node, writer, false);
			}
			else {
				writer.writeCharacters(node.getNodeValue());
			}
		}
		if (element.hasChildNodes()) {
			writer.writeEndElement();
		}
	}

}
