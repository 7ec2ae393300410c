package org.broadsheet.web;

import org.broadsheet.article.Article;

/**
 * Everything served for one version of the article, built once when that version is published.
 */
record Edition(Article article, Page page, Page notFound, Page clientError, Page serverError, Page feed,
		Page sitemap, Page robots, String cardPath, Page card, SocialImage socialImage) {

}
