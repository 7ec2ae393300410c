package bench.stock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A stock Spring Boot app, as the guides write one: a controller that reads the article from the
 * classpath on each request, renders its Markdown with commonmark and hands the HTML to a Thymeleaf
 * template. Nothing tuned.
 */
@SpringBootApplication
@Controller
public class StockApplication {

	private final Parser parser = Parser.builder().build();

	private final HtmlRenderer renderer = HtmlRenderer.builder().build();

	public static void main(String[] args) {
		SpringApplication.run(StockApplication.class, args);
	}

	@GetMapping("/")
	String article(Model model) throws IOException {
		String markdown;
		try (InputStream in = new ClassPathResource("content/article.md").getInputStream()) {
			markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		// the front matter: the title from it, the rest left out
		String[] parts = markdown.split("(?m)^---\\s*$", 3);
		String title = parts[1].lines().filter((line) -> line.startsWith("title:")).findFirst().orElse("title: ")
			.substring(6).trim().replaceAll("^\"|\"$", "");
		model.addAttribute("title", title);
		model.addAttribute("body", this.renderer.render(this.parser.parse(parts[2])));
		return "article";
	}

}
