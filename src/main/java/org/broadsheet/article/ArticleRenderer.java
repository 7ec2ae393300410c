package org.broadsheet.article;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.broadsheet.photos.Darkroom;
import org.broadsheet.photos.ImageFiles;
import org.commonmark.Extension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns an article's Markdown into an {@link Article}. Build one and reuse it: like commonmark's own
 * parser and renderer, it is immutable and thread-safe.
 * <p>
 * It refuses, with an {@link ArticleException} that names the file and line, anything it cannot
 * publish faithfully: bytes that are not UTF-8 ({@link MarkdownFile}), missing or mistyped front
 * matter ({@link FrontMatter}), a photo that is not beside the article, has no alt text or cannot
 * be developed ({@link PictureRules}).
 */
public final class ArticleRenderer {

	/** How long a standfirst can be before search results and link previews cut it. */
	public static final int DESCRIPTION_LIMIT = 160;

	private static final int WORDS_PER_MINUTE = 230;

	private final Parser parser;

	private final Darkroom darkroom;

	private final String correctionsPolicy;

	private final Clock clock;

	private final HtmlRenderer pageRenderer;

	private final HtmlRenderer feedRenderer;

	/** @see #ArticleRenderer(String, Darkroom, String, Clock) */
	public ArticleRenderer(String baseUrl, Darkroom darkroom) {
		this(baseUrl, darkroom, null, Clock.systemUTC());
	}

	/**
	 * @param baseUrl the site's public URL, against which the feed's copy of the body makes every link
	 * absolute
	 * @param darkroom develops the photos the article names
	 * @param correctionsPolicy the publication's corrections policy, linked beside the notes, or null
	 * @param clock what "now" is, as no note may be dated in the future
	 */
	public ArticleRenderer(String baseUrl, Darkroom darkroom, String correctionsPolicy, Clock clock) {
		List<Extension> extensions = List.of(FigureExtension.create(), SafeLinks.create());
		this.parser = Parser.builder()
			.extensions(extensions)
			.postProcessor(new ControlCharacters())
			.includeSourceSpans(IncludeSourceSpans.BLOCKS)
			.build();
		this.darkroom = darkroom;
		this.correctionsPolicy = correctionsPolicy;
		this.clock = clock;
		this.pageRenderer = HtmlRenderer.builder()
			.extensions(extensions)
			.nodeRendererFactory(CorrectionsAndUpdates.Renderer::new)
			.escapeHtml(true)
			.build();
		this.feedRenderer = HtmlRenderer.builder()
			.extensions(List.of(FigureExtension.forFeeds(), SafeLinks.create()))
			.nodeRendererFactory(CorrectionsAndUpdates.Renderer::new)
			.escapeHtml(true)
			.attributeProviderFactory((context) -> new AbsoluteUrls(baseUrl))
			.build();
	}

	/**
	 * @param file the article's name as editors know it, used in messages
	 * @param bytes the Markdown file's bytes
	 * @param images opens the photos the article refers to
	 */
	public Article render(String file, byte[] bytes, ImageFiles images) {
		return render(file, bytes, images, false);
	}

	/**
	 * An earlier version of the article, as it was: rendered as the article is, its photos kept beside
	 * the current ones.
	 */
	public Article renderEarlier(String file, byte[] bytes, ImageFiles images) {
		return render(file, bytes, images, true);
	}

	private Article render(String file, byte[] bytes, ImageFiles images, boolean earlier) {
		MarkdownFile markdown = MarkdownFile.read(file, bytes);
		FrontMatter.Split text = FrontMatter.split(file, markdown.text(), this.clock);
		FrontMatter frontMatter = text.frontMatter();
		Node document = this.parser.parse(text.body());
		List<Picture> pictures = new PictureRules(file, this.darkroom, images, earlier).resolve(frontMatter.image(), document,
				text.bodyFirstLine());
		Picture feature = (frontMatter.image() != null) ? pictures.get(0) : null;
		int words = PlainText.countWords(document);
		if (feature != null) {
			document.prependChild(Figure.feature(feature));
		}
		List<Passage> passages = Passage.of(frontMatter, document, text.bodyFirstLine());
		if (!frontMatter.dates().notes().isEmpty()) {
			document.appendChild(new CorrectionsAndUpdates(frontMatter.dates().notes(), this.correctionsPolicy));
		}
		return new Article(frontMatter.title(), frontMatter.description(), frontMatter.lang(), frontMatter.author(),
				frontMatter.dates(), feature, pictures, frontMatter.citations(),
				this.pageRenderer.render(document), this.feedRenderer.render(document), words,
				Math.max(1, Math.round(words / (float) WORDS_PER_MINUTE)), passages, warnings(markdown, frontMatter, pictures));
	}

	/**
	 * When the article in these bytes was first published, from its front matter alone, or null when
	 * it does not say: enough to tell its drafts from its published versions without rendering it.
	 */
	public static OffsetDateTime published(String file, byte[] bytes) {
		return FrontMatter.split(file, MarkdownFile.read(file, bytes).text(), Clock.systemUTC()).frontMatter().dates()
			.published();
	}

	private static List<String> warnings(MarkdownFile markdown, FrontMatter frontMatter, List<Picture> pictures) {
		List<String> warnings = new ArrayList<>(markdown.warnings());
		if (frontMatter.description().length() > DESCRIPTION_LIMIT) {
			warnings.add("the description is " + frontMatter.description().length() + " characters; search results "
					+ "and link previews cut it after about " + DESCRIPTION_LIMIT);
		}
		for (Picture picture : pictures) {
			if (picture.standIn()) {
				warnings.add(picture.path() + " is still a stand-in drawing; replace it with the licensed photo "
						+ "under the same name");
			}
		}
		return warnings;
	}

}
