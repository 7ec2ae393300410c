package org.broadsheet.photos;

import java.io.ByteArrayOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.broadsheet.photos.SvgAllowList.SVG;
import static org.broadsheet.photos.SvgAllowList.XLINK;

/**
 * Writes a rebuilt drawing as UTF-8 XML, escaped by the StAX writer rather than by hand. The root
 * declares the SVG namespace, and xlink only when some {@code xlink:href} was kept.
 */
final class DrawingWriter {

	private DrawingWriter() {
	}

	static byte[] utf8(Document drawing) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			XMLStreamWriter writer = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
			writer.writeStartDocument("UTF-8", "1.0");
			writer.writeCharacters("\n");
			write(drawing.getDocumentElement(), writer, usesXlink(drawing));
			writer.writeCharacters("\n");
			writer.writeEndDocument();
			writer.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	private static boolean usesXlink(Document drawing) {
		NodeList elements = drawing.getElementsByTagNameNS("*", "*");
		for (int i = 0; i < elements.getLength(); i++) {
			if (((Element) elements.item(i)).hasAttributeNS(XLINK, "href")) {
				return true;
			}
		}
		return false;
	}

	/** An element and what it holds; {@code xlink} is given for the root alone, which declares the namespaces. */
	private static void write(Element element, XMLStreamWriter writer, Boolean xlink) throws XMLStreamException {
		if (element.hasChildNodes()) {
			writer.writeStartElement(element.getLocalName());
		}
		else {
			writer.writeEmptyElement(element.getLocalName());
		}
		if (xlink != null) {
			writer.writeDefaultNamespace(SVG);
			if (xlink) {
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
				write((Element) node, writer, null);
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
