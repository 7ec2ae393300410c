package org.broadsheet.publishing;

import java.time.OffsetDateTime;

import org.broadsheet.photos.ImageFiles;

/**
 * One committed state of the article: its text and its photos as a commit left them.
 *
 * @param commit the commit's id
 * @param time when it was committed, in the committer's own offset from UTC
 * @param path where the article file was in the repository then (renames are followed)
 */
record Revision(String commit, OffsetDateTime time, String path, byte[] markdown, ImageFiles images) {
}
