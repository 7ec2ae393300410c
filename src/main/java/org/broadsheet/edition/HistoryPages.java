package org.broadsheet.edition;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The article's history as pages and as Memento (RFC 7089) knows it: a history page listing each
 * version, a page for each at a permanent address, and a TimeMap a web archive can walk. Each version
 * page says when it was published in a {@code Memento-Datetime} header and links back to the article
 * and the TimeMap; the article links to the TimeMap too.
 */
final class HistoryPages {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

	private final String baseUrl;

	HistoryPages(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** What the article's own response says of its history: where its TimeMap is. */
	Map<String, String> articleHeaders() {
		return Map.of("Link", "<" + this.baseUrl + Edition.TIMEMAP + ">; rel=\"timemap\"; type=\"application/link-format\", <"
				+ this.baseUrl + "/>; rel=\"original\"");
	}

	/** What a version's response says: when it was the article, and where the article and the TimeMap are. */
	Map<String, String> versionHeaders(Version version) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Memento-Datetime", httpDate(version));
		headers.put("Link", "<" + this.baseUrl + "/>; rel=\"original\", <" + this.baseUrl + Edition.TIMEMAP
				+ ">; rel=\"timemap\"; type=\"application/link-format\"");
		return headers;
	}

	/** The TimeMap: the original, itself, and every version with its datetime, first to last. */
	String timeMap(History history) {
		List<Version> versions = history.versions();
		StringBuilder map = new StringBuilder();
		map.append('<').append(this.baseUrl).append("/>;rel=\"original\",\n");
		map.append('<').append(this.baseUrl).append(Edition.TIMEMAP).append(">;rel=\"self\";type=\"application/link-format\"")
			.append(";from=\"").append(httpDate(versions.get(0))).append("\";until=\"")
			.append(httpDate(versions.get(versions.size() - 1))).append("\",\n");
		for (int i = 0; i < versions.size(); i++) {
			Version version = versions.get(i);
			String rel = (i == 0) ? "first memento" : (i == versions.size() - 1) ? "last memento" : "memento";
			map.append('<').append(this.baseUrl).append(version.path()).append(">;rel=\"").append(rel)
				.append("\";datetime=\"").append(httpDate(version)).append('"')
				.append((i == versions.size() - 1) ? "\n" : ",\n");
		}
		return map.toString();
	}

	private static String httpDate(Version version) {
		return HTTP_DATE.format(version.time().withOffsetSameInstant(ZoneOffset.UTC));
	}

}
