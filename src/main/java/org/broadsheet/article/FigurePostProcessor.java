package org.broadsheet.article;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Document;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Reshapes the parsed tree for the two conventions editors type by hand:
 * <ul>
 * <li>a paragraph that starts with an image on a line of its own is a photo; the lines after it are
 * its caption, and a last line starting with a dash is its credit;</li>
 * <li>a block quote whose last line starts with a dash has that line as its attribution; a quote that
 * opens the article is its epigraph.</li>
 * </ul>
 * A dash is an em dash, an en dash or two hyphens, with or without a space after it.
 */
final class FigurePostProcessor implements PostProcessor {

	private static final Pattern DASH = Pattern.compile("^(?:\u2014|\u2013|--)\\s*");

	@Override
	public Node process(Node document) {
		List<Paragraph> photos = new ArrayList<>();
		List<BlockQuote> quotes = new ArrayList<>();
		document.accept(new AbstractVisitor() {
			@Override
			public void visit(Paragraph paragraph) {
				if (paragraph.getFirstChild() instanceof Image image && standsAlone(image)) {
					photos.add(paragraph);
				}
			}

			@Override
			public void visit(BlockQuote blockQuote) {
				if (blockQuote.getParent() instanceof Document) {
					quotes.add(blockQuote);
				}
				visitChildren(blockQuote);
			}
		});
		photos.forEach(this::toFigure);
		quotes.forEach(this::toQuotation);
		if (document.getFirstChild() instanceof Quotation opening) {
			opening.epigraph(true);
		}
		return document;
	}

	private static boolean standsAlone(Image image) {
		Node next = image.getNext();
		return next == null || next instanceof SoftLineBreak || next instanceof HardLineBreak;
	}

	private void toFigure(Paragraph paragraph) {
		Image image = (Image) paragraph.getFirstChild();
		Figure figure = new Figure(image);
		figure.setSourceSpans(paragraph.getSourceSpans());
		Credit credit = splitCredit(paragraph);
		image.unlink();
		Node first = paragraph.getFirstChild();
		if (first instanceof SoftLineBreak || first instanceof HardLineBreak) {
			first.unlink();
		}
		moveChildren(paragraph, figure);
		if (credit != null) {
			figure.appendChild(credit);
		}
		paragraph.insertBefore(figure);
		paragraph.unlink();
	}

	private void toQuotation(BlockQuote blockQuote) {
		Quotation quotation = new Quotation();
		quotation.setSourceSpans(blockQuote.getSourceSpans());
		Credit credit = null;
		if (blockQuote.getLastChild() instanceof Paragraph last
				&& (last.getPrevious() != null || hasLineBreak(last))) {
			credit = splitCredit(last);
			if (last.getFirstChild() == null) {
				last.unlink();
			}
		}
		blockQuote.insertBefore(quotation);
		quotation.appendChild(blockQuote);
		if (credit != null) {
			quotation.appendChild(credit);
		}
	}

	/**
	 * Takes the paragraph's last line out of it when that line starts with a dash, and returns it as a
	 * credit without the dash; otherwise leaves the paragraph alone and returns null.
	 */
	private static Credit splitCredit(Paragraph paragraph) {
		Node lineStart = paragraph.getFirstChild();
		for (Node node = paragraph.getLastChild(); node != null; node = node.getPrevious()) {
			if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
				lineStart = node.getNext();
				break;
			}
		}
		if (!(lineStart instanceof Text text)) {
			return null;
		}
		Matcher dash = DASH.matcher(text.getLiteral());
		if (!dash.find() || dash.end() == text.getLiteral().length() && text.getNext() == null) {
			return null;
		}
		Node lineBreak = lineStart.getPrevious();
		text.setLiteral(text.getLiteral().substring(dash.end()));
		Credit credit = new Credit();
		for (Node node = lineStart; node != null;) {
			Node next = node.getNext();
			credit.appendChild(node);
			node = next;
		}
		if (text.getLiteral().isEmpty()) {
			text.unlink();
		}
		if (lineBreak != null) {
			lineBreak.unlink();
		}
		return credit;
	}

	private static boolean hasLineBreak(Paragraph paragraph) {
		for (Node node = paragraph.getFirstChild(); node != null; node = node.getNext()) {
			if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
				return true;
			}
		}
		return false;
	}

	private static void moveChildren(Node from, Node to) {
		for (Node node = from.getFirstChild(); node != null;) {
			Node next = node.getNext();
			to.appendChild(node);
			node = next;
		}
	}

}
