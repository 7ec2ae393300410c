/**
 * Printing an edition: everything served for one version of the article (page, error pages, feed,
 * sitemap, link-preview card, structured data) as bytes built once, with the headers they carry.
 */
package org.broadsheet.edition;
