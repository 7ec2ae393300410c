package org.broadsheet.article;

import java.util.Map;
import java.util.regex.Pattern;

import org.commonmark.node.Node;
import org.commonmark.renderer.html.AttributeProvider;

/**
 * Makes every link and image URL absolute against the site's public URL, for the copy of the body
 * that feed readers show away from the site.
 */
final class AbsoluteUrls implements AttributeProvider {

	private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");

	private final String base;

	private final String origin;

	private final String scheme;

	/** @param baseUrl the site's public URL */
	AbsoluteUrls(String baseUrl) {
		this.base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
		this.origin = this.base.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/]*).*$", "$1");
		this.scheme = this.base.substring(0, this.base.indexOf(':'));
	}

	@Override
	public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
		for (String name : new String[] { "href", "src" }) {
			String value = attributes.get(name);
			if (value != null && !value.isEmpty() && !SCHEME.matcher(value).lookingAt()) {
				attributes.put(name, value.startsWith("//") ? this.scheme + ":" + value
						: value.startsWith("/") ? this.origin + value : this.base + value);
			}
		}
	}

}
