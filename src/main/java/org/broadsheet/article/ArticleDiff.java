package org.broadsheet.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;

/**
 * What changed between two versions of an article, word by word, piece by piece ({@link Passage}):
 * what a reader is shown as deletions and insertions, and whether the change is substantive. An edit
 * of white space or typography alone (straight quotes made curly, a hyphen made a dash) is folded
 * away: it is no change to what the article says.
 *
 * @param blocks the later version's passages, each with what it lost and gained
 */
public record ArticleDiff(List<Block> blocks) {

	/** More changed words than this, with no number, name or quotation among them, is still substantive. */
	public static final int FEW_WORDS = 3;

	/** White space, a double hyphen typed for a dash, a word, or any other character. */
	private static final Pattern TOKEN = Pattern.compile("\\s+|--|[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}\\p{N}]+)*|.");

	public enum Kind {
		SAME, DELETED, INSERTED
	}

	/** Part of a passage: as it was and is, or what was taken out, or put in. */
	public record Segment(Kind kind, String text) {
	}

	/**
	 * A passage of the later version, or one the later version dropped.
	 * @param line the line of the later version's file (or, for a dropped one, of the earlier's)
	 * @param photoReplaced whether the passage's photo was replaced by another file
	 */
	public record Block(int line, List<Segment> segments, boolean quotation, boolean photoReplaced) {

		public boolean changed() {
			return this.photoReplaced || this.segments.stream().anyMatch((segment) -> segment.kind() != Kind.SAME);
		}

	}

	/** How much a change matters, and what in it does. */
	public enum Weight {
		NONE, SMALL, SUBSTANTIVE
	}

	public static ArticleDiff between(Article before, Article after) {
		List<Passage> from = before.passages();
		List<Passage> to = after.passages();
		List<Block> blocks = new ArrayList<>();
		int source = 0;
		int target = 0;
		for (AbstractDelta<String> delta : DiffUtils.diff(normalized(from), normalized(to)).getDeltas()) {
			// the passages before a delta are the same in both, one for one
			while (target < delta.getTarget().getPosition()) {
				blocks.add(same(to.get(target++), from.get(source++)));
			}
			List<Passage> lost = from.subList(delta.getSource().getPosition(),
					delta.getSource().getPosition() + delta.getSource().size());
			List<Passage> gained = to.subList(delta.getTarget().getPosition(),
					delta.getTarget().getPosition() + delta.getTarget().size());
			if (delta.getType() == DeltaType.CHANGE && lost.size() == gained.size()) {
				for (int i = 0; i < gained.size(); i++) {
					blocks.add(words(lost.get(i), gained.get(i)));
				}
			}
			else {
				for (Passage passage : lost) {
					blocks.add(new Block(passage.line(), List.of(new Segment(Kind.DELETED, passage.text())),
							passage.quotation(), false));
				}
				for (Passage passage : gained) {
					blocks.add(new Block(passage.line(), List.of(new Segment(Kind.INSERTED, passage.text())),
							passage.quotation(), false));
				}
			}
			source += lost.size();
			target += gained.size();
		}
		while (target < to.size()) {
			blocks.add(same(to.get(target++), from.get(source++)));
		}
		return new ArticleDiff(blocks);
	}

	private static Block same(Passage now, Passage then) {
		boolean replaced = now.photo() != null && then.photo() != null && !now.photo().equals(then.photo());
		return new Block(now.line(), List.of(new Segment(Kind.SAME, now.text())), now.quotation(), replaced);
	}

	/** A changed passage, word by word; typography and white space compared as one. */
	private static Block words(Passage then, Passage now) {
		List<String> a = tokens(then.text());
		List<String> b = tokens(now.text());
		List<Segment> segments = new ArrayList<>();
		int next = 0;
		for (AbstractDelta<String> delta : DiffUtils.diff(normalize(a), normalize(b)).getDeltas()) {
			int from = delta.getSource().getPosition();
			int to = delta.getTarget().getPosition();
			add(segments, Kind.SAME, b.subList(next, to));
			add(segments, Kind.DELETED, a.subList(from, from + delta.getSource().size()));
			add(segments, Kind.INSERTED, b.subList(to, to + delta.getTarget().size()));
			next = to + delta.getTarget().size();
		}
		add(segments, Kind.SAME, b.subList(next, b.size()));
		boolean replaced = now.photo() != null && then.photo() != null && !now.photo().equals(then.photo());
		return new Block(now.line(), segments, now.quotation() || then.quotation(), replaced);
	}

	private static void add(List<Segment> segments, Kind kind, List<String> tokens) {
		if (tokens.isEmpty()) {
			return;
		}
		String text = String.join("", tokens);
		if (!segments.isEmpty() && segments.get(segments.size() - 1).kind() == kind) {
			Segment last = segments.remove(segments.size() - 1);
			text = last.text() + text;
		}
		segments.add(new Segment(kind, text));
	}

	/** Whether anything that readers see changed, photos included. */
	public boolean changed() {
		return this.blocks.stream().anyMatch(Block::changed);
	}

	/** The lines of the later version where something changed. */
	public List<Integer> changedLines() {
		return this.blocks.stream().filter(Block::changed).map(Block::line).distinct().sorted().toList();
	}

	/**
	 * Substantive when a number, a name or a quotation changed, or more than {@value #FEW_WORDS} words;
	 * small when less (a spelling, punctuation) or when only a photo was replaced.
	 */
	public Weight weight() {
		if (!changed()) {
			return Weight.NONE;
		}
		return (reason() != null) ? Weight.SUBSTANTIVE : Weight.SMALL;
	}

	/** What makes the change substantive, to end a sentence, or null when it is not. */
	public String reason() {
		int words = 0;
		for (Block block : this.blocks) {
			for (int i = 0; i < block.segments().size(); i++) {
				Segment segment = block.segments().get(i);
				if (segment.kind() == Kind.SAME) {
					continue;
				}
				String text = segment.text().strip();
				if (block.quotation() && !text.isEmpty()) {
					return "a quotation changed (\"" + excerpt(text) + "\")";
				}
				if (text.matches(".*\\p{N}.*")) {
					return "a number changed (\"" + excerpt(text) + "\")";
				}
				Matcher word = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}\\p{N}]+)*").matcher(text);
				while (word.find()) {
					words++;
					if (Character.isUpperCase(word.group().charAt(0)) && !sentenceStart(block, i, word.start())) {
						return "a name changed (\"" + excerpt(word.group()) + "\")";
					}
				}
			}
		}
		return (words > FEW_WORDS) ? words + " words changed" : null;
	}

	/** What changed, briefly, for a warning: the first change of each passage. */
	public String summary() {
		List<String> parts = new ArrayList<>();
		for (Block block : this.blocks) {
			if (block.photoReplaced()) {
				parts.add("line " + block.line() + ": a photo was replaced");
			}
			for (Segment segment : block.segments()) {
				if (segment.kind() != Kind.SAME && !segment.text().isBlank()) {
					parts.add("line " + block.line() + ": " + segment.kind().name().toLowerCase(Locale.ROOT) + " \""
							+ excerpt(segment.text().strip()) + "\"");
					break;
				}
			}
		}
		return String.join("; ", parts);
	}

	/** Whether a word starts a sentence: first in its passage, or after a full stop, question or exclamation. */
	private static boolean sentenceStart(Block block, int segment, int offset) {
		StringBuilder before = new StringBuilder();
		for (int i = 0; i < segment; i++) {
			if (block.segments().get(i).kind() != Kind.DELETED) {
				before.append(block.segments().get(i).text());
			}
		}
		before.append(block.segments().get(segment).text(), 0, offset);
		String text = before.toString().strip();
		// a full stop, question or exclamation, and any closing quote or bracket after it
		return text.isEmpty() || text.matches("(?s).*[.!?:][\"\u201D\u2019)]*$");
	}

	private static String excerpt(String text) {
		return (text.length() > 40) ? text.substring(0, 37) + "..." : text;
	}

	private static List<String> normalized(List<Passage> passages) {
		return passages.stream().map((passage) -> String.join("", normalize(tokens(passage.text())))
				+ "\u0000" + passage.photo()).toList();
	}

	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		Matcher token = TOKEN.matcher(text);
		while (token.find()) {
			tokens.add(token.group());
		}
		return tokens;
	}

	/** Typography folded: curly quotes as straight ones, dashes as a hyphen, white space as one space. */
	private static List<String> normalize(List<String> tokens) {
		return tokens.stream().map((token) -> {
			if (token.isBlank()) {
				return " ";
			}
			if (token.equals("--")) {
				return "-";
			}
			return token.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201C', '"').replace('\u201D', '"')
				.replace('\u2013', '-').replace('\u2014', '-').replace('\u2212', '-').replace('\u00A0', ' ');
		}).toList();
	}

}
