package org.broadsheet.article;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The YAML block at the top of an article, between two {@code ---} lines. Unknown fields are
 * refused, so that a typo such as {@code titel:} is caught instead of silently ignored.
 */
record FrontMatter(String title, String description, String lang, Author author, OffsetDateTime published,
		OffsetDateTime updated, FeatureImage image, List<String> citations) {

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
			"image", "citations");

	private static final Set<String> IMAGE_FIELDS = Set.of("src", "alt", "caption", "credit");

	private static final Set<String> AUTHOR_FIELDS = Set.of("name", "url");

	/**
	 * Splits an article's text into its front matter, parsed and checked, and its Markdown body.
	 * @param file the article's name, for messages
	 */
	static Split split(String file, String text) {
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
		FrontMatter frontMatter = parse(text.substring(opening.end(), closing.start()), 2, file);
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
	private static FrontMatter parse(String yaml, int firstLine, String file) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(10);
		options.setCodePointLimit(64 * 1024);
		Object loaded;
		try {
			loaded = new Yaml(new SafeConstructor(options)).load(yaml);
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
				fields.date("published"), fields.date("updated"), image, fields.list("citations"));
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

		OffsetDateTime date(String key) {
			Object value = this.map.get(key);
			if (value == null) {
				return null;
			}
			if (!(value instanceof Date date)) {
				throw error(key, "\"" + key + "\" must be a date such as 2014-05-21 or 2014-05-21T09:30:00Z, not \""
						+ value + "\"");
			}
			return date.toInstant().atOffset(ZoneOffset.UTC);
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
