package org.broadsheet.photos;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.StringJoiner;

import javax.xml.XMLConstants;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * What a drawing's rebuild left out, for one line in the log: what could have run or loaded another
 * file, apart from what merely draws nothing (a design tool's own notes, comments). Each thing is
 * named once, as the file spells it, with control characters escaped, so that the file cannot forge
 * log lines.
 */
final class Removals {

	/** Enough to recognise what was removed; the file itself has the rest. */
	private static final int SHOWN = 12;

	private static final int QUOTED = 40;

	private final Set<String> active = new LinkedHashSet<>();

	private final Set<String> idle = new LinkedHashSet<>();

	private int comments;

	private int instructions;

	/** Something that could run, or load another file, when the drawing is opened. */
	void active(String what) {
		this.active.add(shortened(what));
	}

	/** Something that draws nothing, such as a design tool's notes about its window. */
	void idle(String what) {
		this.idle.add(shortened(what));
	}

	void comment() {
		this.comments++;
	}

	void instruction() {
		this.instructions++;
	}

	boolean isEmpty() {
		return this.active.isEmpty() && this.idle.isEmpty() && this.comments == 0 && this.instructions == 0;
	}

	/** The line to log: {@code images/map.svg: removed what could run ... ; the page serves the cleaned copy}. */
	String sentence(String path) {
		Set<String> idle = new LinkedHashSet<>(this.idle);
		if (this.instructions > 0) {
			idle.add(counted(this.instructions, "processing instruction"));
		}
		if (this.comments > 0) {
			idle.add(counted(this.comments, "comment"));
		}
		StringJoiner groups = new StringJoiner(" and ");
		if (!this.active.isEmpty()) {
			groups.add("what could run or load another file when opened (" + listed(this.active) + ")");
		}
		if (!idle.isEmpty()) {
			groups.add("what does not draw the picture (" + listed(idle) + ")");
		}
		return escaped(path) + ": removed " + groups + "; the page serves the cleaned copy";
	}

	/** An attribute as the file wrote it, its value shortened: {@code xlink:href="https://…"}. */
	static String attribute(String name, String value) {
		return name + "=\"" + quoted(value) + "\"";
	}

	/** An element's attributes as the file wrote them, for naming it in the log: {@code href="javascript:…"}. */
	static String attributes(Element element) {
		StringBuilder text = new StringBuilder();
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
				text.append((text.length() > 0) ? " " : "")
					.append(attribute(attribute.getName(), attribute.getValue()));
			}
		}
		return text.toString();
	}

	/** A value from the file, escaped and shortened, for quoting in the log. */
	static String quoted(String value) {
		String escaped = escaped(value.strip());
		return (escaped.length() > QUOTED) ? escaped.substring(0, QUOTED - 1) + "…" : escaped;
	}

	private static String shortened(String what) {
		String escaped = escaped(what);
		return (escaped.length() > 3 * QUOTED) ? escaped.substring(0, 3 * QUOTED - 1) + "…" : escaped;
	}

	private static String listed(Set<String> things) {
		StringJoiner list = new StringJoiner(", ");
		things.stream().limit(SHOWN).forEach(list::add);
		if (things.size() > SHOWN) {
			list.add("and " + (things.size() - SHOWN) + " more");
		}
		return list.toString();
	}

	private static String counted(int count, String thing) {
		return count + " " + thing + ((count == 1) ? "" : "s");
	}

	/** Line breaks, other control characters and bidirectional overrides, written out so that they cannot act. */
	static String escaped(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					boolean bidi = (c >= '\u2028' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
							|| c == '\u200e' || c == '\u200f';
					if (Character.isISOControl(c) || bidi || c == '\ufeff') {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}
