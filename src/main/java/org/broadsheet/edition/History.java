package org.broadsheet.edition;

import java.util.List;

/**
 * The article's published versions, oldest first, as git recorded them. Shown only when there is
 * more than one: a single version is the article itself.
 *
 * @param pending whether the article being served differs from its latest committed version: saved,
 * not yet committed, so shown in the preview as the version being written, never as published
 */
public record History(List<Version> versions, boolean pending) {

	public static final History NONE = new History(List.of(), false);

	public History {
		versions = List.copyOf(versions);
	}

	public boolean shown() {
		return this.versions.size() > 1;
	}

	/** Newest first, as the history page lists them. */
	public List<Version> newestFirst() {
		List<Version> newest = new java.util.ArrayList<>(this.versions);
		java.util.Collections.reverse(newest);
		return newest;
	}

}
