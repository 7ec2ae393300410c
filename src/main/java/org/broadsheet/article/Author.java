package org.broadsheet.article;

/**
 * Who wrote the article, as the front matter names them: {@code author: Jane Doe}, or with a page
 * about them, {@code author: {name: Jane Doe, url: https://...}}, which the byline then links to.
 *
 * @param url an absolute http or https URL, or null
 */
public record Author(String name, String url) {

}
