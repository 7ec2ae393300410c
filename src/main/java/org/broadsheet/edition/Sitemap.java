package org.broadsheet.edition;

import java.io.StringWriter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;

/** The sitemap and robots.txt that point search engines at the one canonical URL. */
final class Sitemap {

	private static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

	private Sitemap() {
	}

	static String xml(Article article, BroadsheetProperties site) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeCharacters("\n");
			xml.writeStartElement("urlset");
			xml.writeDefaultNamespace(NAMESPACE);
			xml.writeCharacters("\n  ");
			xml.writeStartElement("url");
			xml.writeCharacters("\n    ");
			element(xml, "loc", site.baseUrl() + "/");
			if (article.modified() != null) {
				xml.writeCharacters("\n    ");
				element(xml, "lastmod", article.modified().toString());
			}
			xml.writeCharacters("\n  ");
			xml.writeEndElement();
			xml.writeCharacters("\n");
			xml.writeEndElement();
			xml.writeCharacters("\n");
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("The sitemap could not be written", ex);
		}
		return out.toString();
	}

	private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
		xml.writeStartElement(name);
		xml.writeCharacters(text);
		xml.writeEndElement();
	}

	static String robots(BroadsheetProperties site) {
		return "User-agent: *\nAllow: /\n\nSitemap: " + site.baseUrl() + "/sitemap.xml\n";
	}

}
