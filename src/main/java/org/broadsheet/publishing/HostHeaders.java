package org.broadsheet.publishing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.broadsheet.edition.Edition;
import org.broadsheet.edition.Page;
import org.broadsheet.edition.ResponseHeaders;

/**
 * The headers a static host should send with the exported site, as a {@code _headers} file: the
 * format Netlify and Cloudflare Pages read. Other hosts take the same values in their own settings.
 */
final class HostHeaders {

	private HostHeaders() {
	}

	static String file(Edition edition) {
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
		// what the article and its history are sent with besides: Memento's Link and Memento-Datetime
		Map<String, Page> pages = new TreeMap<>(edition.views());
		pages.put("/", edition.page());
		pages.forEach((path, page) -> {
			if (!page.headers().isEmpty() || path.equals(Edition.TIMEMAP)) {
				file.append(path).append('\n');
				page.headers().forEach((name, value) -> file.append("  ").append(name).append(": ").append(value).append('\n'));
				if (path.startsWith(Edition.HISTORY)) {
					file.append("  Cache-Control: ").append(page.cacheControl()).append('\n');
				}
				if (path.equals(Edition.TIMEMAP)) {
					file.append("  Content-Type: ").append(page.contentType()).append('\n');
				}
			}
		});
		return file.toString();
	}

}
