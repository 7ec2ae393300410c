/**
 * Publishing: where the article is read from, the edition now published, and the editor's tools
 * around it (live preview, static export, the message when an article cannot be published).
 */
package org.broadsheet.publishing;
