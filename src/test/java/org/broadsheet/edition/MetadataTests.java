package org.broadsheet.edition;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What link previews, search engines and feed readers read, printed for the site's public address.
 * Every absolute URL comes from {@code broadsheet.base-url}, never from a request.
 */
class MetadataTests {

	static final String BASE = TestPress.BASE_URL;

	static final String TITLE = "North Korea: Increased Cell Phone Usage Signals Change";

	private final Edition edition = TestPress.content();

	Document page() {
		return Jsoup.parse(new String(this.edition.page().bytes(), StandardCharsets.UTF_8));
	}

	Page view(String path) {
		Page view = this.edition.views().get(path);
		assertThat(view).as(path).isNotNull();
		return view;
	}

	static String meta(Document page, String key) {
		Element element = page.selectFirst("meta[property=" + key + "], meta[name=" + key + "]");
		assertThat(element).as(key).isNotNull();
		return element.attr("content");
	}

	@Test
	void headCarriesDescriptionCanonicalOpenGraphTwitterFeedAndIcon() throws Exception {
		Document page = page();
		String description = meta(page, "description");
		assertThat(description).startsWith("Internet and cell phone usage in North Korea").hasSizeLessThanOrEqualTo(160);
		assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo(BASE + "/");
		assertThat(meta(page, "og:title")).isEqualTo(TITLE);
		assertThat(meta(page, "og:description")).isEqualTo(description);
		assertThat(meta(page, "og:type")).isEqualTo("article");
		assertThat(meta(page, "og:url")).isEqualTo(BASE + "/");
		assertThat(meta(page, "og:site_name")).isEqualTo("The Example Post");
		assertThat(meta(page, "og:locale")).isEqualTo("en");
		assertThat(meta(page, "og:image")).matches(BASE + "/card-[0-9a-f]+\\.png");
		assertThat(meta(page, "og:image:type")).isEqualTo("image/png");
		assertThat(meta(page, "og:image:width")).isEqualTo("1200");
		assertThat(meta(page, "og:image:height")).isEqualTo("630");
		assertThat(meta(page, "og:image:alt")).isNotBlank();
		assertThat(page.select("meta[property^=article:]")).as("the source gives no dates").isEmpty();
		assertThat(meta(page, "twitter:card")).isEqualTo("summary_large_image");
		assertThat(meta(page, "twitter:title")).isEqualTo(TITLE);
		assertThat(meta(page, "twitter:image")).isEqualTo(meta(page, "og:image"));
		assertThat(meta(page, "twitter:image:alt")).isEqualTo(meta(page, "og:image:alt"));
		Element feed = page.selectFirst("link[rel=alternate][type=application/atom+xml]");
		assertThat(feed.attr("href")).isEqualTo(BASE + "/feed.xml");
		assertThat(page.select("link[rel=icon]").attr("href")).isEqualTo("/favicon.svg");
	}

	@Test
	void previewCardIsA1200By630PngCachedForAYear() throws Exception {
		String url = meta(page(), "og:image");
		Page card = view(url.substring(BASE.length()));
		assertThat(card.contentType()).isEqualTo("image/png");
		assertThat(card.cacheControl()).isEqualTo("max-age=31536000, public, immutable");
		var image = ImageIO.read(new ByteArrayInputStream(card.bytes()));
		assertThat(image.getWidth()).isEqualTo(1200);
		assertThat(image.getHeight()).isEqualTo(630);
	}

	@Test
	void jsonLdIsOneNewsArticleWithWhatGoogleRequiresAndRecommends() throws Exception {
		Document page = page();
		List<Element> scripts = page.select("script[type=application/ld+json]");
		assertThat(scripts).hasSize(1);
		assertThat(page.select("script:not([type=application/ld+json])")).isEmpty();
		JsonNode json = JsonMapper.shared().readTree(scripts.get(0).data());
		assertThat(json.path("@context").asString()).isEqualTo("https://schema.org");
		assertThat(json.path("@type").asString()).isEqualTo("NewsArticle");
		assertThat(json.path("headline").asString()).isEqualTo(TITLE);
		assertThat(json.path("headline").asString().length()).as("Google truncates headlines past 110").isLessThanOrEqualTo(110);
		assertThat(json.path("description").asString()).isEqualTo(meta(page, "description"));
		assertThat(json.path("url").asString()).isEqualTo(BASE + "/");
		assertThat(json.path("mainEntityOfPage").path("@id").asString()).isEqualTo(BASE + "/");
		assertThat(json.path("wordCount").asInt()).isBetween(700, 900);
		assertThat(json.path("publisher").path("@type").asString()).isEqualTo("Organization");
		assertThat(json.path("publisher").path("name").asString()).isEqualTo("The Example Post");
		assertThat(json.has("author")).as("the source names no author").isFalse();
		assertThat(json.has("datePublished")).as("the source gives no date").isFalse();
		List<String> imageUrls = new ArrayList<>();
		for (JsonNode image : json.path("image")) {
			assertThat(image.path("@type").asString()).isEqualTo("ImageObject");
			assertThat(image.path("url").asString()).startsWith(BASE + "/");
			assertThat(image.path("width").asInt()).isPositive();
			assertThat(image.path("height").asInt()).isPositive();
			imageUrls.add(image.path("url").asString());
		}
		assertThat(imageUrls.get(0)).as("a raster image first, for Google").endsWith(".png");
		assertThat(imageUrls).hasSize(4);
		List<String> credits = new ArrayList<>();
		for (JsonNode image : json.path("image")) {
			if (image.has("creditText")) {
				credits.add(image.path("creditText").asString() + " / " + image.path("creator").path("name").asString()
						+ " / " + image.path("copyrightHolder").path("name").asString());
				assertThat(image.path("caption").asString()).isNotBlank();
			}
		}
		assertThat(credits).containsExactly("Courtesy of the Global Post / the Global Post / the Global Post",
				"The Guardian / The Guardian / The Guardian", "The Entire Post / The Entire Post / The Entire Post");
		List<String> cited = new ArrayList<>();
		json.path("citation").forEach((work) -> cited.add(work.path("publisher").path("name").asString()));
		assertThat(cited).containsExactly("The Wall Street Journal", "BBC", "Daily Mail");
	}

	@Test
	void feedIsAtomWithTheWholeArticleAndAbsoluteUrls() throws Exception {
		Page response = view("/feed.xml");
		assertThat(response.contentType()).isEqualTo("application/atom+xml;charset=UTF-8");
		String xml = new String(response.bytes(), StandardCharsets.UTF_8);
		DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(response.bytes()));
		Feed feed = (Feed) new WireFeedInput().build(new StringReader(xml));
		assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
		assertThat(feed.getId()).isEqualTo(BASE + "/feed.xml");
		assertThat(feed.getAuthors()).isNotEmpty();
		assertThat(feed.getOtherLinks()).extracting(Link::getRel, Link::getHref)
			.contains(org.assertj.core.groups.Tuple.tuple("self", BASE + "/feed.xml"));
		assertThat(feed.getEntries()).hasSize(1);
		Entry entry = feed.getEntries().get(0);
		assertThat(entry.getTitle()).isEqualTo(TITLE);
		assertThat(entry.getId()).isEqualTo(BASE + "/");
		assertThat(entry.getAlternateLinks().get(0).getHref()).isEqualTo(BASE + "/");
		assertThat(entry.getUpdated()).isNotNull();
		assertThat(entry.getAuthors()).isEmpty();
		String content = entry.getContents().get(0).getValue();
		assertThat(entry.getContents().get(0).getType()).isEqualTo("html");
		Document body = Jsoup.parseBodyFragment(content);
		assertThat(body.select("img")).hasSize(3);
		for (Element img : body.select("img")) {
			assertThat(img.attr("src")).startsWith(BASE + "/images/");
		}
		for (Element a : body.select("a[href]")) {
			assertThat(a.attr("href")).matches("(https?|mailto):.*");
		}
		assertThat(body.selectFirst("figure img").attr("src")).contains("/images/feature-");
		assertThat(body.text()).contains("Courtesy of the Global Post")
			.contains("These words are those of Christopher Mims")
			.contains("no matter how minuscule.");
	}

	@Test
	void sitemapListsTheCanonicalUrlAndRobotsNamesIt() throws Exception {
		Page sitemap = view("/sitemap.xml");
		assertThat(sitemap.contentType()).isEqualTo("application/xml;charset=UTF-8");
		var xml = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
			.parse(new ByteArrayInputStream(sitemap.bytes()));
		assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
		assertThat(xml.getElementsByTagName("loc").item(0).getTextContent()).isEqualTo(BASE + "/");
		Page robots = view("/robots.txt");
		assertThat(robots.contentType()).isEqualTo("text/plain;charset=UTF-8");
		assertThat(new String(robots.bytes(), StandardCharsets.UTF_8)).contains("User-agent: *\nAllow: /")
			.contains("Sitemap: " + BASE + "/sitemap.xml");
	}

	/**
	 * With a camera file as the feature photo: the link-preview image is its 1200 px JPEG, under 300 KB,
	 * with its true size; search engines get its 16:9, 4:3 and 1:1 crops, each 1200 px wide, and may
	 * show it large; feed readers get one JPEG of each photo.
	 */
	@Test
	void aCameraFileAsTheFeaturePhotoIsWhatPreviewsSearchAndFeedsShow() throws Exception {
		Edition edition = TestPress.camera();
		Document page = Jsoup.parse(new String(edition.page().bytes(), StandardCharsets.UTF_8));
		String image = meta(page, "og:image");
		assertThat(image).matches(BASE + "/images/feature-1200w-[0-9a-f]{20}\\.jpg");
		assertThat(meta(page, "twitter:image")).isEqualTo(image);
		assertThat(meta(page, "og:image:type")).isEqualTo("image/jpeg");
		Page preview = edition.views().get(image.substring(BASE.length()));
		var decoded = ImageIO.read(new ByteArrayInputStream(preview.bytes()));
		assertThat(meta(page, "og:image:width")).isEqualTo(Integer.toString(decoded.getWidth())).isEqualTo("1200");
		assertThat(meta(page, "og:image:height")).isEqualTo(Integer.toString(decoded.getHeight()));
		assertThat(preview.bytes().length).isLessThan(300 * 1024);
		assertThat(page.select("meta[name=robots]").eachAttr("content")).containsExactly("max-image-preview:large");

		JsonNode json = JsonMapper.shared().readTree(page.selectFirst("script[type=application/ld+json]").data());
		List<String> crops = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			JsonNode crop = json.path("image").get(i);
			String url = crop.path("url").asString();
			var pixels = ImageIO.read(new ByteArrayInputStream(edition.views().get(url.substring(BASE.length())).bytes()));
			assertThat(pixels.getWidth() + "x" + pixels.getHeight())
				.isEqualTo(crop.path("width").asInt() + "x" + crop.path("height").asInt());
			assertThat(crop.path("creditText").asString()).isEqualTo("Courtesy of the Global Post");
			crops.add(crop.path("width").asInt() + "x" + crop.path("height").asInt());
		}
		assertThat(crops).containsExactly("1200x675", "1200x900", "1200x1200");

		Feed feed = (Feed) new WireFeedInput()
			.build(new StringReader(new String(edition.views().get("/feed.xml").bytes(), StandardCharsets.UTF_8)));
		Document body = Jsoup.parseBodyFragment(feed.getEntries().get(0).getContents().get(0).getValue());
		assertThat(body.select("picture, source")).isEmpty();
		assertThat(body.select("img").eachAttr("src")).hasSize(3).allSatisfy((src) -> assertThat(src).startsWith(BASE + "/images/"));
		assertThat(body.select("img").eachAttr("src")).filteredOn((src) -> src.endsWith(".jpg"))
			.as("the JPEG nearest 1200 px: the portrait's is its widest, 1067 px")
			.satisfiesExactly((src) -> assertThat(src).matches(".*/images/feature-1200w-[0-9a-f]{20}\\.jpg"),
					(src) -> assertThat(src).matches(".*/images/soldiers-march-1067w-[0-9a-f]{20}\\.jpg"));
	}

	/**
	 * The publication's marks, drawn from its name: a 180 px icon for a phone's home screen, and a 512
	 * px logo in the NewsArticle's publisher, which link-preview services and search engines read.
	 */
	@Test
	void theLogosAreDrawnFromTheSiteNameAndNamedWhereClientsLook() throws Exception {
		Document page = page();
		String icon = page.selectFirst("link[rel=apple-touch-icon]").attr("href");
		assertThat(icon).matches("/apple-touch-icon-[0-9a-f]{20}\\.png");
		assertSquarePng(view(icon), 180);
		JsonNode logo = JsonMapper.shared().readTree(page.selectFirst("script[type=application/ld+json]").data())
			.path("publisher").path("logo");
		assertThat(logo.path("@type").asString()).isEqualTo("ImageObject");
		assertThat(logo.path("url").asString()).matches(BASE + "/logo-[0-9a-f]{20}\\.png");
		assertThat(logo.path("width").asInt()).isEqualTo(512);
		assertThat(logo.path("height").asInt()).isEqualTo(512);
		assertSquarePng(view(logo.path("url").asString().substring(BASE.length())), 512);
		assertThat(Logo.initials("The Example Post")).isEqualTo("EP");
		assertThat(Logo.initials("Broadsheet")).isEqualTo("B");
		Document notFound = Jsoup.parse(new String(this.edition.notFound().bytes(), StandardCharsets.UTF_8));
		assertThat(notFound.selectFirst("link[rel=apple-touch-icon]").attr("href")).isEqualTo(icon);
	}

	@Test
	void aConfiguredPublisherLogoTakesThePlaceOfTheDrawnOne() throws Exception {
		var properties = new org.broadsheet.BroadsheetProperties("content/article.md", BASE, "The Example Post",
				"https://news.example.org/brand/logo.png", false, null, null, null, null, null);
		Edition edition = TestPress.of(properties).print(TestPress.render(java.nio.file.Path.of("content/article.md")),
				false, java.time.Instant.now());
		JsonNode logo = JsonMapper.shared()
			.readTree(Jsoup.parse(new String(edition.page().bytes(), StandardCharsets.UTF_8))
				.selectFirst("script[type=application/ld+json]").data())
			.path("publisher").path("logo");
		assertThat(logo.path("url").asString()).isEqualTo("https://news.example.org/brand/logo.png");
		assertThat(logo.has("width")).isFalse();
	}

	private static void assertSquarePng(Page png, int size) throws Exception {
		assertThat(png.contentType()).isEqualTo("image/png");
		assertThat(png.cacheControl()).isEqualTo("max-age=31536000, public, immutable");
		var image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
		assertThat(image.getWidth() + "x" + image.getHeight()).isEqualTo(size + "x" + size);
		assertThat(image.getRGB(0, 0) & 0xffffff).as("the page's paper").isEqualTo(0xfbf9f4);
	}

}
