package org.broadsheet.publishing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.broadsheet.edition.Edition;
import org.broadsheet.edition.ResponseHeaders;

/**
 * The headers a static host should send with the exported site, as a {@code _headers} file: the
 * format Netlify and Cloudflare Pages read. Other hosts take the same values in their own settings.
 */
final class HostHeaders {

	private HostHeaders() {
	}

	static String file() {
		StringBuilder file = new StringBuilder("# Written by Broadsheet's static export\n/*\n");
		for (Map.Entry<String, String> header : ResponseHeaders.SECURITY.entrySet()) {
			file.append("  ").append(header.getKey()).append(": ").append(header.getValue()).append('\n');
		}
		file.append("  Strict-Transport-Security: ").append(ResponseHeaders.STRICT_TRANSPORT_SECURITY).append('\n');
		List<String> published = new ArrayList<>(Edition.PUBLISHED);
		published.add(1, "/index.html");
		for (String path : published) {
			file.append(path).append("\n  Cache-Control: ").append(ResponseHeaders.PUBLISHED_CACHE).append('\n');
		}
		file.append(Edition.FEED).append("\n  Content-Type: application/atom+xml; charset=UTF-8\n");
		for (String prefix : Edition.FINGERPRINTED) {
			file.append(prefix).append("*\n  Cache-Control: ").append(ResponseHeaders.IMMUTABLE_CACHE).append('\n');
		}
		return file.toString();
	}

}
