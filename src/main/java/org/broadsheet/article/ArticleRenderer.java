package org.broadsheet.article;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Turns an article's Markdown into an {@link Article}. Build one and reuse it: like commonmark's own
 * parser and renderer, it is immutable and thread-safe.
 * <p>
 * It refuses, with an {@link ArticleException} that names the file and line, anything it cannot
 * publish faithfully: bytes that are not UTF-8, missing front matter or title, a photo that is not
 * beside the article or has no alt text.
 */
public final class ArticleRenderer {

	/** The schemes a link may use; anything else (javascript:, data:, vbscript: ...) is unlinked. */
	private static final List<String> LINK_SCHEMES = List.of("http", "https", "mailto");

	private static final int WORDS_PER_MINUTE = 230;

	/** How long a standfirst can be before search results and link previews cut it. */
	public static final int DESCRIPTION_LIMIT = 160;

	private static final Pattern IMAGE_PATH = Pattern.compile("images/(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*"
			+ "[A-Za-z0-9_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*\\.[A-Za-z]+");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019.,-][\\p{L}\\p{N}]+)*");

	private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");

	private static final Pattern CLOSING_FENCE = Pattern.compile("(?m)^(?:---|\\.\\.\\.)[ \\t]*$");

	private final UrlSanitizer sanitizer = new DefaultUrlSanitizer(LINK_SCHEMES);

	private final Parser parser;

	private final HtmlRenderer pageRenderer;

	private final HtmlRenderer feedRenderer;

	/**
	 * @param baseUrl the site's public URL, against which the feed's copy of the body makes every link
	 * absolute
	 */
	public ArticleRenderer(String baseUrl) {
		String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
		List<Extension> extensions = List.of();
		this.parser = Parser.builder()
			.extensions(extensions)
			.includeSourceSpans(IncludeSourceSpans.BLOCKS)
			.postProcessor(new FigurePostProcessor())
			.build();
		this.pageRenderer = htmlRenderer(extensions).build();
		this.feedRenderer = htmlRenderer(extensions).attributeProviderFactory((context) -> absolute(base)).build();
	}

	private HtmlRenderer.Builder htmlRenderer(List<Extension> extensions) {
		return HtmlRenderer.builder()
			.extensions(extensions)
			.escapeHtml(true)
			.sanitizeUrls(true)
			.urlSanitizer(this.sanitizer)
			.nodeRendererFactory(FigureNodeRenderer::new)
			.attributeProviderFactory((context) -> editorialLinks());
	}

	/**
	 * The article's own links are editorial, so they keep the rel="nofollow" that URL sanitizing
	 * would otherwise add to every link.
	 */
	private static AttributeProvider editorialLinks() {
		return (node, tagName, attributes) -> {
			if (node instanceof Link) {
				attributes.remove("rel");
			}
		};
	}

	private static AttributeProvider absolute(String baseUrl) {
		String origin = baseUrl.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/]*).*$", "$1");
		String scheme = baseUrl.substring(0, baseUrl.indexOf(':'));
		return (node, tagName, attributes) -> {
			for (String name : List.of("href", "src")) {
				String value = attributes.get(name);
				if (value != null && !value.isEmpty() && !SCHEME.matcher(value).lookingAt()) {
					attributes.put(name, value.startsWith("//") ? scheme + ":" + value
							: value.startsWith("/") ? origin + value : baseUrl + value);
				}
			}
		};
	}

	/**
	 * @param file the article's name as editors know it, used in messages
	 * @param bytes the Markdown file's bytes
	 * @param images reads the photos the article refers to
	 */
	public Article render(String file, byte[] bytes, ImageFiles images) {
		String text = decode(file, bytes);
		if (text.isBlank()) {
			throw new ArticleException(file, 0, "the file is empty; it needs front matter and the article's text");
		}
		Matcher opening = Pattern.compile("\\A---[ \\t]*\n").matcher(text);
		if (!opening.lookingAt()) {
			throw new ArticleException(file, 1, "there is no front matter: start the file with a line \"---\", "
					+ "then \"title: ...\" and \"description: ...\" lines, then another \"---\"");
		}
		Matcher closing = CLOSING_FENCE.matcher(text);
		if (!closing.find(opening.end())) {
			throw new ArticleException(file, 1,
					"the front matter is never closed: add a line \"---\" after its last field");
		}
		String yaml = text.substring(opening.end(), closing.start());
		FrontMatter frontMatter = FrontMatter.parse(yaml, 2, file);
		int bodyStart = Math.min(text.length(), closing.end() + 1);
		int bodyFirstLine = lineAt(text, bodyStart);
		String body = text.substring(bodyStart);
		if (body.isBlank()) {
			throw new ArticleException(file, bodyFirstLine, "the article has no text after its front matter");
		}

		MessageDigest version = sha256();
		version.update(text.getBytes(StandardCharsets.UTF_8));
		List<String> warnings = new ArrayList<>();
		if (frontMatter.description().length() > DESCRIPTION_LIMIT) {
			warnings.add("the description is " + frontMatter.description().length() + " characters; search results "
					+ "and link previews cut it after about " + DESCRIPTION_LIMIT);
		}

		List<Picture> pictures = new ArrayList<>();
		Picture feature = null;
		if (frontMatter.image() != null) {
			FrontMatter.FeatureImage image = frontMatter.image();
			feature = picture(file, lineOfField(text, "src"), image.src(), image.alt(), image.caption(), image.credit(),
					images, version);
			pictures.add(feature);
		}

		Node document = this.parser.parse(body);
		Body parts = new Body();
		document.accept(parts);
		for (Image image : parts.images) {
			throw new ArticleException(file, line(image, bodyFirstLine), "the image \"" + image.getDestination()
					+ "\" shares its line with text; put a photo on a line of its own, with its caption below it");
		}
		for (Figure figure : parts.figures) {
			int line = line(figure, bodyFirstLine);
			Image image = figure.image();
			Picture picture = picture(file, line, image.getDestination(), plainText(image), plainText(figure, false),
					(figure.getLastChild() instanceof Credit credit) ? plainText(credit) : "", images, version);
			figure.picture(picture);
			pictures.add(picture);
		}
		for (Link link : parts.links) {
			if (!link.getDestination().isEmpty() && this.sanitizer.sanitizeLinkUrl(link.getDestination()).isEmpty()) {
				unlink(link);
			}
		}
		for (Picture picture : pictures) {
			if (picture.standIn()) {
				warnings.add(picture.path() + " is still a stand-in drawing; replace it with the licensed photo "
						+ "under the same name");
			}
		}

		String html = this.pageRenderer.render(document);
		Figure featureFigure = (feature != null) ? featureFigure(feature) : null;
		if (featureFigure != null) {
			document.prependChild(featureFigure);
		}
		String absoluteHtml = this.feedRenderer.render(document);
		if (featureFigure != null) {
			featureFigure.unlink();
		}
		int words = countWords(plainText(document));
		return new Article(file, frontMatter.title(), frontMatter.description(), frontMatter.lang(),
				frontMatter.author(), frontMatter.published(), frontMatter.updated(), feature, pictures,
				frontMatter.citations(), html, absoluteHtml, words,
				Math.max(1, Math.round(words / (float) WORDS_PER_MINUTE)),
				HexFormat.of().formatHex(version.digest()).substring(0, 20), warnings);
	}

	private static String decode(String file, byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer input = ByteBuffer.wrap(bytes);
		String text;
		try {
			text = decoder.decode(input).toString();
		}
		catch (CharacterCodingException ex) {
			int line = 1;
			for (int i = 0; i < input.position() && i < bytes.length; i++) {
				if (bytes[i] == '\n') {
					line++;
				}
			}
			throw new ArticleException(file, line,
					"the file is not valid UTF-8 text; save it as UTF-8 in your editor", ex);
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		return text.replace("\r\n", "\n").replace('\r', '\n');
	}

	private Picture picture(String file, int line, String path, String alt, String caption, String credit,
			ImageFiles images, MessageDigest version) {
		if (!IMAGE_PATH.matcher(path).matches() || path.contains("..")) {
			throw new ArticleException(file, line, "the image \"" + path + "\" must be a file in the images folder "
					+ "beside the article, named like images/photo.jpg (letters, digits, dashes)");
		}
		if (alt.isBlank()) {
			throw new ArticleException(file, line, "the image \"" + path
					+ "\" has no alt text; say what the photo shows between the brackets: ![what it shows](" + path + ")");
		}
		Optional<byte[]> bytes;
		try {
			bytes = images.read(path);
		}
		catch (IOException ex) {
			throw new ArticleException(file, line, "the image \"" + path + "\" cannot be read (" + ex.getMessage() + ")",
					ex);
		}
		if (bytes.isEmpty()) {
			throw new ArticleException(file, line,
					"the image \"" + path + "\" does not exist beside the article; add the file or fix its name");
		}
		ImageSize size;
		try {
			size = ImageSize.of(path, bytes.get());
		}
		catch (IllegalArgumentException ex) {
			throw new ArticleException(file, line, "the image \"" + path + "\" " + ex.getMessage(), ex);
		}
		version.update(path.getBytes(StandardCharsets.UTF_8));
		version.update(bytes.get());
		return new Picture(path, fingerprinted(path, bytes.get()), alt.strip(), size.width(), size.height(),
				caption.strip(), credit.strip(), size.mediaType(), size.standIn());
	}

	/** The feature photo as a figure, for the copy of the body that goes into feeds. */
	private static Figure featureFigure(Picture feature) {
		Image image = new Image(feature.path(), null);
		image.appendChild(new Text(feature.alt()));
		Figure figure = new Figure(image);
		figure.picture(feature);
		if (!feature.caption().isEmpty()) {
			figure.appendChild(new Text(feature.caption()));
		}
		if (!feature.credit().isEmpty()) {
			Credit credit = new Credit();
			credit.appendChild(new Text(feature.credit()));
			figure.appendChild(credit);
		}
		return figure;
	}

	/**
	 * The URL a photo is served at: its path with an MD5 of its bytes before the extension, the same
	 * fingerprint as Spring's content version strategy, so that the URL changes when the photo does and
	 * the old one can be cached for a year.
	 */
	private static String fingerprinted(String path, byte[] bytes) {
		String hash;
		try {
			hash = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		int dot = path.lastIndexOf('.');
		return "/" + path.substring(0, dot) + "-" + hash + path.substring(dot);
	}

	private static void unlink(Link link) {
		for (Node node = link.getFirstChild(); node != null;) {
			Node next = node.getNext();
			link.insertBefore(node);
			node = next;
		}
		link.unlink();
	}

	private static int line(Node node, int bodyFirstLine) {
		for (Node block = node; block != null; block = block.getParent()) {
			if (!block.getSourceSpans().isEmpty()) {
				return bodyFirstLine + block.getSourceSpans().get(0).getLineIndex();
			}
		}
		return bodyFirstLine;
	}

	private static int lineAt(String text, int index) {
		int line = 1;
		for (int i = 0; i < index && i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	private static int lineOfField(String text, String field) {
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].strip().startsWith(field + ":")) {
				return i + 1;
			}
		}
		return 0;
	}

	private static int countWords(String text) {
		Matcher words = WORD.matcher(text);
		int count = 0;
		while (words.find()) {
			count++;
		}
		return count;
	}

	private static String plainText(Node node) {
		return plainText(node, true);
	}

	/** The text of a node's children, optionally leaving out a trailing credit. */
	private static String plainText(Node node, boolean withCredit) {
		StringBuilder text = new StringBuilder();
		node.accept(new AbstractVisitor() {
			@Override
			public void visit(Text textNode) {
				text.append(textNode.getLiteral());
			}

			@Override
			public void visit(Code code) {
				text.append(code.getLiteral());
			}

			@Override
			public void visit(org.commonmark.node.SoftLineBreak softLineBreak) {
				text.append(' ');
			}

			@Override
			public void visit(org.commonmark.node.Paragraph paragraph) {
				visitChildren(paragraph);
				text.append('\n');
			}

			@Override
			public void visit(org.commonmark.node.CustomNode customNode) {
				if (withCredit || !(customNode instanceof Credit)) {
					visitChildren(customNode);
				}
			}

			@Override
			public void visit(CustomBlock customBlock) {
				visitChildren(customBlock);
			}
		});
		return text.toString().strip();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The nodes of a parsed body that need checking before it is rendered. */
	private static final class Body extends AbstractVisitor {

		private final List<Figure> figures = new ArrayList<>();

		private final List<Image> images = new ArrayList<>();

		private final List<Link> links = new ArrayList<>();

		@Override
		public void visit(CustomBlock customBlock) {
			if (customBlock instanceof Figure figure) {
				this.figures.add(figure);
			}
			visitChildren(customBlock);
		}

		@Override
		public void visit(Image image) {
			this.images.add(image);
			visitChildren(image);
		}

		@Override
		public void visit(Link link) {
			this.links.add(link);
			visitChildren(link);
		}

	}

}
