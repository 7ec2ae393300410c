package org.broadsheet.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.broadsheet.edition.Edition;
import org.broadsheet.edition.LivePreview;
import org.broadsheet.edition.Page;
import org.broadsheet.publishing.Publication;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves the article, and the error pages in its layout. Everything it hands out was printed once
 * per content version; a request only picks the right bytes.
 */
@Controller
class ArticleController implements ErrorController {

	private static final String HASH = "{hash:[0-9a-f]+}";

	private final Publication publication;

	private final ApplicationAvailability availability;

	private final PreviewEvents previewEvents;

	ArticleController(Publication publication, ApplicationAvailability availability, PreviewEvents previewEvents) {
		this.publication = publication;
		this.availability = availability;
		this.previewEvents = previewEvents;
	}

	@GetMapping("/")
	void article(HttpServletRequest request, HttpServletResponse response) throws IOException {
		PageWriter.write(this.publication.current().page(), request, response, HttpServletResponse.SC_OK);
	}

	/**
	 * The article's other views: feed, sitemap, robots.txt, the favicon, and the link-preview card, the
	 * logos, the stylesheet and the photos under URLs that carry their hash, so that they can be cached
	 * for a year. A path that was not printed is a 404 that costs a map lookup (once the edition is
	 * printed whole, a moment after the start).
	 */
	@GetMapping({ Edition.FEED, Edition.SITEMAP, Edition.ROBOTS, Edition.FAVICON, Edition.CARD + HASH + ".png",
			Edition.TOUCH_ICON + HASH + ".png", Edition.LOGO + HASH + ".png", Edition.STYLESHEETS + "**",
			Edition.IMAGES + "**", Edition.HISTORY + "**" })
	void view(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Page view = this.publication.view(request.getServletPath());
		if (view != null) {
			PageWriter.write(view, request, response, HttpServletResponse.SC_OK);
		}
		else {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
		}
	}

	/** While an editor previews, the events that bring each save to the browser: a 404 otherwise. */
	@GetMapping(LivePreview.EVENTS)
	SseEmitter previewEvents(HttpServletResponse response) throws IOException {
		SseEmitter events = this.previewEvents.open();
		if (events == null) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return null;
		}
		response.setHeader("Cache-Control", "no-store");
		return events;
	}

	/**
	 * The health probes: {@code /livez} while the app is live, {@code /readyz} while it takes traffic
	 * (from the moment it serves the article until it begins to shut down, when a load balancer
	 * should stop sending it requests). Spring Boot keeps both states; these only report them, as
	 * Actuator's probes would, without the second of start-up that Actuator costs.
	 */
	@GetMapping({ "/livez", "/readyz" })
	void probe(HttpServletRequest request, HttpServletResponse response) throws IOException {
		boolean up = request.getServletPath().equals("/livez")
				? this.availability.getLivenessState() == LivenessState.CORRECT
				: this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		byte[] body = (up ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}").getBytes(StandardCharsets.US_ASCII);
		response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setContentType("application/json");
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** A direct request for the error path is answered as what it is: a page that does not exist. */
	@RequestMapping("${spring.web.error.path:/error}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value) ? value : HttpServletResponse.SC_NOT_FOUND;
		Edition edition = this.publication.current();
		Page page = (status == HttpServletResponse.SC_NOT_FOUND) ? edition.notFound()
				: (status >= 500) ? edition.serverError() : edition.clientError();
		PageWriter.write(page, request, response, status);
	}

}
