package org.broadsheet.photos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds the CSS of a drawing, from its {@code <style>} elements and {@code style} attributes, in a
 * small grammar that this class reads in full: rules of plain selectors, and declarations of the
 * presentation properties whose values load and run nothing. What it cannot read is dropped rather
 * than passed on, so that no escape, comment or at-rule can carry anything past it.
 */
final class CssRebuilder {

	/** Longer than any colour, font list or dash pattern; nothing is searched that is longer. */
	private static final int LONGEST = 2000;

	private static final String SIMPLE = "(?:[.#]-?[A-Za-z_][\\w-]*|:(?:hover|focus|active|first-child|last-child))";

	private static final String COMPOUND = "(?:(?:\\*|[A-Za-z][\\w-]*)" + SIMPLE + "*|" + SIMPLE + "+)";

	/** Element names, classes, ids and a few pseudo-classes, joined by descendant and child combinators. */
	private static final Pattern SELECTOR = Pattern
		.compile(COMPOUND + "(?:\\s*[>+~]\\s*" + COMPOUND + "|\\s+" + COMPOUND + ")*");

	/** The one {@code url()} a drawing needs: to its own gradients, patterns, clips, masks, markers, filters. */
	private static final Pattern FRAGMENT_URL = Pattern
		.compile("url\\(\\s*(?:#[\\w.:-]+|'#[\\w.:-]+'|\"#[\\w.:-]+\")\\s*\\)", Pattern.CASE_INSENSITIVE);

	private static final Pattern URL = Pattern.compile("url\\(", Pattern.CASE_INSENSITIVE);

	/** A function's name: whatever stands before a bracket. */
	private static final Pattern FUNCTION = Pattern.compile("([^\\s(),'\"/*+]*)\\(");

	/** Colours, transforms, clip rectangles and filter effects; none loads anything. */
	private static final Set<String> FUNCTIONS = Set.of("url", "rgb", "rgba", "hsl", "hsla", "calc", "matrix",
			"translate", "translatex", "translatey", "scale", "scalex", "scaley", "rotate", "skew", "skewx", "skewy",
			"rect", "blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert", "opacity",
			"saturate", "sepia");

	private CssRebuilder() {
	}

	/** The rules of a {@code <style>} that this grammar reads, written out anew, one a line. */
	static String styleSheet(String css, Removals removed) {
		String text = withoutComments(css, removed);
		StringJoiner rules = new StringJoiner("\n");
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c) || c == ';' || c == '}') {
				i++;
			}
			else if (c == '@') {
				i = afterAtRule(text, i, removed);
			}
			else {
				int open = text.indexOf('{', i);
				if (open < 0) {
					unread(text.substring(i), removed);
					break;
				}
				int close = endOfBlock(text, open);
				String rule = rule(text.substring(i, open), text.substring(open + 1, close), removed);
				if (rule != null) {
					rules.add(rule);
				}
				i = close + 1;
			}
		}
		return rules.toString();
	}

	/** The declarations of a {@code style} attribute that this grammar reads: {@code fill:#f00;stroke-width:2}. */
	static String declarations(String css, Removals removed) {
		return String.join(";", declarationList(withoutComments(css, removed), removed));
	}

	/** Whether a value, of a style or of a presentation attribute, loads and runs nothing. */
	static boolean safe(String value) {
		if (value.length() > LONGEST || value.contains("/*")) {
			return false;
		}
		char quote = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ("\\@<>{};".indexOf(c) >= 0 || (Character.isISOControl(c) && !Character.isWhitespace(c))) {
				return false;
			}
			if (c == quote) {
				quote = 0;
			}
			else if (quote == 0 && (c == '"' || c == '\'')) {
				quote = c;
			}
		}
		if (quote != 0) {
			return false;
		}
		Matcher function = FUNCTION.matcher(value);
		while (function.find()) {
			String name = function.group(1).toLowerCase(Locale.ROOT);
			if (!name.isEmpty() && !FUNCTIONS.contains(name)) {
				return false;
			}
		}
		return onlyFragmentUrls(value);
	}

	/** Whether every {@code url()} in a value is {@code url(#id)}: one that names a part of the drawing itself. */
	static boolean onlyFragmentUrls(String value) {
		Matcher url = URL.matcher(value);
		while (url.find()) {
			if (!FRAGMENT_URL.matcher(value).region(url.start(), value.length()).lookingAt()) {
				return false;
			}
		}
		return true;
	}

	private static String rule(String selectorText, String block, Removals removed) {
		String selectors = selectors(selectorText);
		if (selectors == null || block.indexOf('{') >= 0) {
			unread(selectorText + "{" + block + "}", removed);
			return null;
		}
		List<String> declarations = declarationList(block, removed);
		if (declarations.isEmpty()) {
			return null;
		}
		return selectors + "{" + String.join(";", declarations) + ";}";
	}

	/** A rule this grammar cannot read, named for the log by what it might have done. */
	private static void unread(String rule, Removals removed) {
		String what = "the style rule " + Removals.quoted(rule);
		if (onlyFragmentUrls(rule) && rule.indexOf('\\') < 0 && rule.indexOf('@') < 0) {
			removed.idle(what);
		}
		else {
			removed.active(what);
		}
	}

	/** The selectors, one space for each run of white space; null when one is not of this grammar. */
	private static String selectors(String text) {
		if (text.length() > LONGEST) {
			return null;
		}
		StringJoiner selectors = new StringJoiner(",");
		for (String selector : text.split(",", -1)) {
			String plain = selector.strip().replaceAll("\\s+", " ");
			if (!SELECTOR.matcher(plain).matches()) {
				return null;
			}
			selectors.add(plain);
		}
		return selectors.toString();
	}

	private static List<String> declarationList(String block, Removals removed) {
		List<String> kept = new ArrayList<>();
		for (String declaration : block.split(";")) {
			if (declaration.isBlank()) {
				continue;
			}
			int colon = declaration.indexOf(':');
			String property = (colon < 0) ? "" : declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			String value = (colon < 0) ? declaration.strip() : declaration.substring(colon + 1).strip();
			if (!safe(value)) {
				removed.active(property + ((colon < 0) ? "" : ": ") + Removals.quoted(value));
			}
			else if (!SvgAllowList.PRESENTATION.contains(property)) {
				removed.idle((colon < 0) ? "the style " + Removals.quoted(value) : property);
			}
			else if (!value.isEmpty()) {
				kept.add(property + ":" + value.replaceAll("\\s+", " "));
			}
		}
		return kept;
	}

	/** Where the block that opens at {@code open} ends: at its closing brace, or at the end of the text. */
	private static int endOfBlock(String text, int open) {
		int depth = 0;
		for (int i = open; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return i;
			}
		}
		return text.length();
	}

	/** Skips an at-rule, {@code @import ...;} or {@code @font-face {...}}: none is of this grammar. */
	private static int afterAtRule(String text, int at, Removals removed) {
		int end = at + 1;
		while (end < text.length() && " \t\r\n{;(\"'".indexOf(text.charAt(end)) < 0) {
			end++;
		}
		String name = text.substring(at, end);
		String plain = name.toLowerCase(Locale.ROOT);
		if (plain.equals("@import") || plain.equals("@font-face") || plain.indexOf('\\') >= 0) {
			removed.active(name);
		}
		else {
			removed.idle(name);
		}
		int semicolon = text.indexOf(';', end);
		int open = text.indexOf('{', end);
		if (open >= 0 && (semicolon < 0 || open < semicolon)) {
			return endOfBlock(text, open) + 1;
		}
		return (semicolon < 0) ? text.length() : semicolon + 1;
	}

	private static String withoutComments(String css, Removals removed) {
		StringBuilder text = new StringBuilder(css.length());
		int i = 0;
		while (i < css.length()) {
			int start = css.indexOf("/*", i);
			if (start < 0) {
				text.append(css, i, css.length());
				break;
			}
			removed.comment();
			text.append(css, i, start).append(' ');
			int end = css.indexOf("*/", start + 2);
			i = (end < 0) ? css.length() : end + 2;
		}
		return text.toString();
	}

}
