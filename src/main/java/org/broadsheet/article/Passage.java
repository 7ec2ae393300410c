package org.broadsheet.article;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.node.Node;

/**
 * One piece of what the article shows, as plain text, for telling versions apart: the headline, the
 * standfirst, then each block of the body in reading order (a paragraph, a heading, a quotation with
 * its attribution, a photo's alt text, caption and credit).
 *
 * @param line the line of the article file it starts on, for messages
 * @param quotation whether it is a quotation, whose words are the source's, not the editor's
 * @param photo for a photo, the fingerprint of the file served, which changes when the photo is replaced
 */
public record Passage(int line, String text, boolean quotation, String photo) {

	/** The headline, the standfirst and each top-level block of the body. */
	static List<Passage> of(FrontMatter frontMatter, Node document, int bodyFirstLine) {
		List<Passage> passages = new ArrayList<>();
		passages.add(new Passage(frontMatter.titleLine(), frontMatter.title(), false, null));
		passages.add(new Passage(frontMatter.descriptionLine(), frontMatter.description(), false, null));
		for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
			int line = (block.getSourceSpans().isEmpty()) ? bodyFirstLine
					: bodyFirstLine + block.getSourceSpans().get(0).getLineIndex();
			if (block instanceof Figure figure) {
				Picture picture = figure.picture();
				if (figure.isFeature()) {
					line = frontMatter.image().line();
				}
				String text = String.join(" ", picture.alt(), PlainText.of(figure)).strip();
				passages.add(new Passage(line, text, false, picture.photo().single().fingerprint()));
			}
			else if (!(block instanceof CorrectionsAndUpdates)) {
				String text = PlainText.of(block).replaceAll("\\s+", " ").strip();
				if (!text.isEmpty()) {
					passages.add(new Passage(line, text, block instanceof Quotation, null));
				}
			}
		}
		return passages;
	}

}
