/**
 * Reading and rendering the article: its Markdown file, checked and turned into an immutable
 * {@link org.broadsheet.article.Article}, in plain Java with commonmark.
 */
package org.broadsheet.article;
