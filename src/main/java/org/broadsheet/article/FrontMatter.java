package org.broadsheet.article;

import java.io.StringReader;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The YAML block at the top of an article, between two {@code ---} lines. Unknown fields are
 * refused, so that a typo such as {@code titel:} is caught instead of silently ignored.
 */
record FrontMatter(String title, String description, String lang, Author author, Dates dates, FeatureImage image,
		List<String> citations, int titleLine, int descriptionLine) {

	/** @param line the line of the article file that names {@code src}, for messages */
	record FeatureImage(String src, String alt, String caption, String credit, int line) {
	}

	/**
	 * An article's text split in two.
	 * @param bodyFirstLine the 1-based line of the file on which the body starts
	 */
	record Split(FrontMatter frontMatter, String body, int bodyFirstLine) {
	}

	private static final Pattern OPENING_FENCE = Pattern.compile("\\A---[ \\t]*\n");

	private static final Pattern CLOSING_FENCE = Pattern.compile("(?m)^(?:---|\\.\\.\\.)[ \\t]*$");

	private static final Set<String> FIELDS = Set.of("title", "description", "lang", "author", "published", "updated",
			"image", "citations", "corrections", "updates");

	private static final Set<String> NOTE_FIELDS = Set.of("date", "text");

	/** How far ahead of the clock a note's date may be: a server's clock drifts, an editor's too. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern DATE_TIME = Pattern.compile(
			"(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?) ?(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");

	private static final Set<String> IMAGE_FIELDS = Set.of("src", "alt", "caption", "credit");

	private static final Set<String> AUTHOR_FIELDS = Set.of("name", "url");

	/**
	 * Splits an article's text into its front matter, parsed and checked, and its Markdown body.
	 * @param file the article's name, for messages
	 */
	static Split split(String file, String text, Clock clock) {
		if (text.isBlank()) {
			throw new ArticleException(file, 0, "the file is empty; it needs front matter and the article's text");
		}
		Matcher opening = OPENING_FENCE.matcher(text);
		if (!opening.lookingAt()) {
			throw new ArticleException(file, 1, "there is no front matter: start the file with a line \"---\", "
					+ "then \"title: ...\" and \"description: ...\" lines, then another \"---\"");
		}
		Matcher closing = CLOSING_FENCE.matcher(text);
		if (!closing.find(opening.end())) {
			throw new ArticleException(file, 1,
					"the front matter is never closed: add a line \"---\" after its last field");
		}
		FrontMatter frontMatter = parse(text.substring(opening.end(), closing.start()), 2, file, clock);
		int bodyStart = Math.min(text.length(), closing.end() + 1);
		int bodyFirstLine = MarkdownFile.lineAt(text, bodyStart);
		String body = text.substring(bodyStart);
		if (body.isBlank()) {
			throw new ArticleException(file, bodyFirstLine, "the article has no text after its front matter");
		}
		return new Split(frontMatter, body, bodyFirstLine);
	}

	/**
	 * @param yaml the text between the two {@code ---} lines
	 * @param firstLine the 1-based line of the file on which {@code yaml} starts
	 */
	private static FrontMatter parse(String yaml, int firstLine, String file, Clock clock) {
		Object loaded;
		try {
			loaded = safeYaml().load(yaml);
		}
		catch (MarkedYAMLException ex) {
			// An unclosed quote or bracket is noticed lines later; where it opened is the line to fix.
			Mark mark = (ex.getContextMark() != null) ? ex.getContextMark() : ex.getProblemMark();
			int line = (mark != null) ? firstLine + mark.getLine() : firstLine;
			String problem = (ex.getContext() != null && ex.getProblem() != null)
					? ex.getContext() + ": " + ex.getProblem() : (ex.getProblem() != null) ? ex.getProblem() : ex.getContext();
			throw new ArticleException(file, line, "the front matter is not valid YAML (" + problem + ")", ex);
		}
		catch (YAMLException ex) {
			throw new ArticleException(file, firstLine, "the front matter is not valid YAML (" + ex.getMessage() + ")",
					ex);
		}
		if (!(loaded instanceof Map<?, ?> map)) {
			throw new ArticleException(file, firstLine,
					"the front matter must be fields such as \"title: ...\" and \"description: ...\"");
		}
		Fields fields = new Fields(map, "", FIELDS, file, firstLine, yaml);
		String title = fields.required("title");
		String description = fields.required("description");
		String lang = fields.text("lang");
		if (lang != null && !lang.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
			throw fields.error("lang", "\"lang\" must be a language tag such as en or en-GB, not \"" + lang + "\"");
		}
		FeatureImage image = null;
		if (map.get("image") != null) {
			if (!(map.get("image") instanceof Map<?, ?> imageMap)) {
				throw fields.error("image", "\"image\" must have the fields src, alt and credit");
			}
			Fields imageFields = new Fields(imageMap, "image.", IMAGE_FIELDS, file, firstLine, yaml);
			image = new FeatureImage(imageFields.required("src"), imageFields.required("alt"),
					imageFields.textOrEmpty("caption"), imageFields.textOrEmpty("credit"), imageFields.line("src"));
		}
		return new FrontMatter(title, description, (lang != null) ? lang : "en", author(fields, map),
				dates(fields, clock), image, fields.list("citations"), fields.line("title"), fields.line("description"));
	}

	/**
	 * YAML as SnakeYAML reads it safely, but with dates left as the editor typed them: SnakeYAML's own
	 * timestamps keep no offset from UTC, and a dateline must say when in the editor's own time.
	 */
	private static Yaml safeYaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(10);
		options.setCodePointLimit(64 * 1024);
		Resolver resolver = new Resolver() {
			@Override
			public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
				if (!Tag.TIMESTAMP.equals(tag)) {
					super.addImplicitResolver(tag, regexp, first, limit);
				}
			}
		};
		DumperOptions dumper = new DumperOptions();
		return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, resolver);
	}

	/**
	 * The publication date, {@code updated}, and the corrections and updates, each checked: a note has
	 * a date with its time and offset, and a text; it comes after publication, and not from the future;
	 * {@code updated} is no earlier than the latest note.
	 */
	private static Dates dates(Fields fields, Clock clock) {
		Moment published = fields.date("published");
		Moment updated = fields.date("updated");
		List<Note> notes = new ArrayList<>();
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (Note.Kind kind : Note.Kind.values()) {
			List<Map<?, ?>> entries = fields.notes(kind);
			List<Integer> lines = entries.isEmpty() ? List.of() : fields.itemLines(kind.field());
			for (int i = 0; i < entries.size(); i++) {
				int line = (i < lines.size()) ? lines.get(i) : fields.line(kind.field());
				Note note = fields.note(kind, line, entries.get(i));
				String what = "the " + kind.label().toLowerCase(Locale.ROOT) + " dated " + note.date();
				if (published == null) {
					throw new ArticleException(fields.file(), line, "the article has " + article(kind) + " but no "
							+ "\"published\" date: nothing was published to correct or update; add \"published: ...\" "
							+ "with the date and time it first went out, or remove the note");
				}
				if (published.after(note.date())) {
					throw new ArticleException(fields.file(), line, what + " is before the article was published ("
							+ published.value() + "); a note can only follow publication");
				}
				if (note.date().isAfter(now.plus(CLOCK_SKEW))) {
					throw new ArticleException(fields.file(), line, what + " is still to come (it is now "
							+ now.withNano(0) + " UTC); date a note when the change is made");
				}
				notes.add(note);
			}
		}
		Dates dates = new Dates((published != null) ? published.value() : null, published != null && published.time(),
				(updated != null) ? updated.value() : null, notes);
		if (updated != null && !dates.notes().isEmpty() && updated.value().isBefore(dates.notes().get(0).date())) {
			throw fields.error("updated", "\"updated\" (" + updated.value() + ") is earlier than the latest note ("
					+ dates.notes().get(0).date() + "); the article last changed then: leave \"updated\" out, or give the "
					+ "time of the last change");
		}
		return dates;
	}

	private static String article(Note.Kind kind) {
		return (kind == Note.Kind.CORRECTION) ? "a correction" : "an update";
	}

	/** A date as the front matter gives it, with whether it named a time of day and an offset. */
	private record Moment(OffsetDateTime value, boolean time, boolean offset) {

		/** Whether this falls after a note's date, by the day alone when this gives no time. */
		boolean after(OffsetDateTime note) {
			return this.time ? note.isBefore(this.value) : note.toLocalDate().isBefore(this.value.toLocalDate());
		}

		/**
		 * Reads an ISO date, or date and time, as YAML writes them: {@code 2014-05-21},
		 * {@code 2014-05-21T09:30:00+01:00}, {@code 2014-05-21 09:30:00 +01:00}; a time without an offset
		 * is UTC. Null when the text is no such thing.
		 */
		static Moment parse(String text) {
			try {
				if (DATE.matcher(text).matches()) {
					return new Moment(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC), false, false);
				}
				Matcher dateTime = DATE_TIME.matcher(text);
				if (!dateTime.matches()) {
					return null;
				}
				LocalDateTime local = LocalDateTime.parse(dateTime.group(1) + "T" + dateTime.group(2));
				String offset = dateTime.group(3);
				if (offset == null) {
					return new Moment(local.atOffset(ZoneOffset.UTC), true, false);
				}
				ZoneOffset zone = offset.equalsIgnoreCase("z") ? ZoneOffset.UTC
						: ZoneOffset.of((offset.length() == 5) ? offset.substring(0, 3) + ":" + offset.substring(3) : offset);
				return new Moment(local.atOffset(zone), true, true);
			}
			catch (DateTimeException ex) {
				return null;
			}
		}

	}

	/** {@code author: Jane Doe}, or {@code author:} with {@code name:} and an optional {@code url:}. */
	private static Author author(Fields fields, Map<?, ?> map) {
		Object value = map.get("author");
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> authorMap)) {
			String name = fields.text("author");
			return name.isEmpty() ? null : new Author(name, null);
		}
		Fields authorFields = new Fields(authorMap, "author.", AUTHOR_FIELDS, fields.file(), fields.firstLine(),
				fields.yaml());
		String url = authorFields.text("url");
		if (url != null && !url.matches("https?://[^\\s\"<>]+")) {
			throw authorFields.error("url", "\"author.url\" must be a web address starting with https://, not \""
					+ url + "\"");
		}
		return new Author(authorFields.required("name"), url);
	}

	/** Reads one YAML mapping, and names the line of a field that is wrong. */
	private record Fields(Map<?, ?> map, String prefix, Set<String> known, String file, int firstLine, String yaml) {

		Fields {
			for (Object key : map.keySet()) {
				if (!known.contains(String.valueOf(key))) {
					throw new ArticleException(file, lineOf(yaml, firstLine, String.valueOf(key)),
							"the front matter has an unknown field \"" + prefix + key + "\" (known fields: "
									+ String.join(", ", known.stream().sorted().toList()) + ")");
				}
			}
		}

		String required(String key) {
			String value = text(key);
			if (value == null || value.isBlank()) {
				throw new ArticleException(this.file, (this.map.containsKey(key) ? line(key) : 0),
						"the front matter has no \"" + this.prefix + key + "\"; add a line \"" + key + ": ...\"");
			}
			return value.strip();
		}

		String textOrEmpty(String key) {
			String value = text(key);
			return (value != null) ? value.strip() : "";
		}

		String text(String key) {
			Object value = this.map.get(key);
			if (value == null) {
				return null;
			}
			if (value instanceof Map || value instanceof List) {
				throw error(key, "\"" + this.prefix + key + "\" must be text");
			}
			return checked(key, String.valueOf(value).strip());
		}

		/** Refuses a control character that a YAML escape such as {@code "\x01"} put in a value. */
		private String checked(String key, String value) {
			String control = MarkdownFile.firstControl(value);
			if (control != null) {
				throw error(key, "\"" + this.prefix + key + "\" holds a control character (" + control
						+ "), which no page or feed may carry; remove the escape that makes it");
			}
			return value;
		}

		Moment date(String key) {
			Object value = this.map.get(key);
			if (value == null) {
				return null;
			}
			Moment moment = Moment.parse(checked(key, String.valueOf(value).strip()));
			if (moment == null) {
				throw error(key, "\"" + key + "\" must be a date such as 2014-05-21, or a date and time such as "
						+ "2014-05-21T09:30:00+01:00, not \"" + value + "\"");
			}
			return moment;
		}

		/** The entries of a list of notes: each a mapping of a date and a text. */
		List<Map<?, ?>> notes(Note.Kind kind) {
			Object value = this.map.get(kind.field());
			if (value == null) {
				return List.of();
			}
			String shape = "\"" + kind.field() + "\" must be a list of notes, each starting \"- date: "
					+ "2014-05-22T14:05:00+01:00\" with a \"text: ...\" line below it";
			if (!(value instanceof List<?> items)) {
				throw error(kind.field(), shape);
			}
			List<Map<?, ?>> entries = new ArrayList<>();
			for (int i = 0; i < items.size(); i++) {
				if (!(items.get(i) instanceof Map<?, ?> entry)) {
					throw new ArticleException(this.file, itemLine(kind.field(), i), shape);
				}
				entries.add(entry);
			}
			return entries;
		}

		/** @param line the line on which the entry starts, for messages */
		Note note(Note.Kind kind, int line, Map<?, ?> entry) {
			String what = "the " + kind.label().toLowerCase(Locale.ROOT);
			for (Object key : entry.keySet()) {
				if (!NOTE_FIELDS.contains(String.valueOf(key))) {
					throw new ArticleException(this.file, line, what + " has an unknown field \"" + key
							+ "\" (known fields: date, text)");
				}
			}
			Object date = entry.get("date");
			if (date == null || String.valueOf(date).isBlank()) {
				throw new ArticleException(this.file, line, what + " has no \"date\"; add \"date: "
						+ "2014-05-22T14:05:00+01:00\", when the change was made, with its offset from UTC");
			}
			Moment moment = Moment.parse(checked(kind.field(), String.valueOf(date).strip()));
			if (moment == null) {
				throw new ArticleException(this.file, line, what + "'s date \"" + date + "\" is not a date and time "
						+ "such as 2014-05-22T14:05:00+01:00");
			}
			if (!moment.time() || !moment.offset()) {
				throw new ArticleException(this.file, line, what + "'s date \"" + date + "\" has no time zone: give "
						+ "the time and its offset from UTC, such as 2014-05-22T14:05:00+01:00");
			}
			Object text = entry.get("text");
			if (text == null || text instanceof Map || text instanceof List || String.valueOf(text).isBlank()) {
				throw new ArticleException(this.file, line, what + " has no \"text\"; say what changed"
						+ ((kind == Note.Kind.CORRECTION) ? ": what was wrong, and what is right" : ""));
			}
			return new Note(kind, moment.value(), checked(kind.field(), String.valueOf(text).strip().replaceAll("\\s+", " ")));
		}

		/** The line on which the list's entry at the index starts. */
		int itemLine(String key, int index) {
			List<Integer> lines = itemLines(key);
			return (index < lines.size()) ? lines.get(index) : line(key);
		}

		/** The lines on which each entry of a list starts, found in the YAML's own node tree. */
		List<Integer> itemLines(String key) {
			List<Integer> lines = new ArrayList<>();
			try {
				Node root = safeYaml().compose(new StringReader(this.yaml));
				if (root instanceof MappingNode mapping) {
					for (NodeTuple tuple : mapping.getValue()) {
						if (tuple.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)
								&& tuple.getValueNode() instanceof SequenceNode items) {
							items.getValue().forEach((item) -> lines.add(this.firstLine + item.getStartMark().getLine()));
						}
					}
				}
			}
			catch (YAMLException ex) {
				// read once already; a line is a courtesy
			}
			return lines;
		}

		List<String> list(String key) {
			Object value = this.map.get(key);
			if (value == null) {
				return List.of();
			}
			if (!(value instanceof List<?> items) || items.stream().anyMatch((item) -> item == null
					|| item instanceof Map || item instanceof List)) {
				throw error(key, "\"" + key + "\" must be a list of names, one per line starting with \"- \"");
			}
			return items.stream().map((item) -> checked(key, String.valueOf(item).strip())).toList();
		}

		ArticleException error(String key, String problem) {
			return new ArticleException(this.file, line(key), problem);
		}

		int line(String key) {
			return lineOf(this.yaml, this.firstLine, key);
		}

		private static int lineOf(String yaml, int firstLine, String key) {
			String[] lines = yaml.split("\n", -1);
			for (int i = 0; i < lines.length; i++) {
				String line = lines[i].strip();
				if (line.startsWith(key + ":") || line.startsWith("\"" + key + "\":")) {
					return firstLine + i;
				}
			}
			return 0;
		}

	}

}
