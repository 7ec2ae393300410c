/**
 * Broadsheet publishes one article: a Markdown file goes in, one page (and its feed) comes out.
 */
package org.broadsheet;
