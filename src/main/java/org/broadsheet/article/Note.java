package org.broadsheet.article;

import java.time.OffsetDateTime;

/**
 * A dated note on a published article, as editors write them in the front matter: a correction says
 * what was wrong and puts it right; an update says what was added or changed.
 *
 * @param date when the change was made, with its offset from UTC
 * @param text what the note says, as plain text
 */
public record Note(Kind kind, OffsetDateTime date, String text) {

	public enum Kind {

		/** Labelled "Correction", as the AP's stylebook asks: never "clarifies" or "fixes". */
		CORRECTION("Correction", "corrections"),

		UPDATE("Update", "updates");

		private final String label;

		private final String field;

		Kind(String label, String field) {
			this.label = label;
			this.field = field;
		}

		/** How the page labels the note. */
		public String label() {
			return this.label;
		}

		/** The front-matter list the note is written in. */
		String field() {
			return this.field;
		}

	}

	/** The note's date as readers see it. */
	public String dateText() {
		return Dates.text(this.date, true);
	}

}
