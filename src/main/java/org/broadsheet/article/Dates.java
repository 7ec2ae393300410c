package org.broadsheet.article;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * When an article was published and when it changed: the dates the front matter gives, and its
 * corrections and updates, newest first. "Last changed" has one answer, the latest of {@code updated}
 * and every note.
 *
 * @param published when it was first published, or null when the front matter does not say
 * @param publishedTime whether {@code published} gave a time of day, not only a date
 * @param updated an edit that needs no note, or null
 * @param notes the corrections and updates, newest first
 */
public record Dates(OffsetDateTime published, boolean publishedTime, OffsetDateTime updated, List<Note> notes) {

	static final Dates NONE = new Dates(null, false, null, List.of());

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	public Dates {
		notes = notes.stream().sorted(Comparator.comparing(Note::date).reversed()).toList();
	}

	/** When the article last changed: the latest of {@code updated} and the notes; null when it never has. */
	public OffsetDateTime lastChanged() {
		return Stream.concat(Stream.ofNullable(this.updated), this.notes.stream().map(Note::date))
			.max(Comparator.naturalOrder())
			.orElse(null);
	}

	/** The date readers should see as the article's latest: when it last changed, else when it was published. */
	public OffsetDateTime modified() {
		OffsetDateTime changed = lastChanged();
		return (changed != null) ? changed : this.published;
	}

	public boolean changed() {
		return lastChanged() != null;
	}

	public List<Note> corrections() {
		return this.notes.stream().filter((note) -> note.kind() == Note.Kind.CORRECTION).toList();
	}

	/** The publication date for a {@code <time datetime>}: a date alone when no time was given. */
	public String publishedAttribute() {
		if (this.published == null) {
			return null;
		}
		return this.publishedTime ? this.published.toString() : this.published.toLocalDate().toString();
	}

	public String publishedText() {
		return (this.published != null) ? text(this.published, this.publishedTime) : null;
	}

	public String lastChangedText() {
		OffsetDateTime changed = lastChanged();
		return (changed != null) ? text(changed, true) : null;
	}

	/**
	 * A date as readers see it, unambiguous wherever they are: "22 May 2014, 14:05 UTC+1". Only the
	 * offset is known, not the zone's name, so the offset is what is shown.
	 */
	public static String text(OffsetDateTime date, boolean time) {
		if (!time) {
			return DAY.format(date);
		}
		int seconds = date.getOffset().getTotalSeconds();
		String offset = (seconds == 0) ? "UTC" : "UTC" + ((seconds < 0) ? "\u2212" : "+") + Math.abs(seconds) / 3600
				+ ((Math.abs(seconds) % 3600 != 0) ? ":" + String.format("%02d", Math.abs(seconds) % 3600 / 60) : "");
		return DAY.format(date) + ", " + TIME.format(date) + " " + offset;
	}

}
