package org.broadsheet.site;

import java.util.Map;

/**
 * The headers a static host should send with the exported site, as a {@code _headers} file: the
 * format Netlify and Cloudflare Pages read. Other hosts take the same values in their own settings.
 */
public final class HostHeaders {

	private HostHeaders() {
	}

	/**
	 * @param pageCache Cache-Control for the page, feed and sitemap
	 * @param immutableCache Cache-Control for files whose names carry their hash
	 */
	public static String file(String pageCache, String immutableCache) {
		StringBuilder file = new StringBuilder("# Written by Broadsheet's static export\n/*\n");
		for (Map.Entry<String, String> header : SecurityHeadersFilter.HEADERS.entrySet()) {
			file.append("  ").append(header.getKey()).append(": ").append(header.getValue()).append('\n');
		}
		file.append("  Strict-Transport-Security: ").append(SecurityHeadersFilter.STRICT_TRANSPORT_SECURITY).append('\n');
		for (String path : new String[] { "/", "/index.html", "/feed.xml", "/sitemap.xml", "/robots.txt" }) {
			file.append(path).append("\n  Cache-Control: ").append(pageCache).append('\n');
		}
		file.append("/feed.xml\n  Content-Type: application/atom+xml; charset=UTF-8\n");
		for (String path : new String[] { "/css/*", "/images/*", "/card-*" }) {
			file.append(path).append("\n  Cache-Control: ").append(immutableCache).append('\n');
		}
		return file.toString();
	}

}
