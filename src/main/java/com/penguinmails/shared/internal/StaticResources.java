package com.penguinmails.shared.internal;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The static files, each folder under its own path ({@code /css/**}, {@code /js/**},
 * {@code /img/**}, {@code /vendor/**} from {@code classpath:/static/}) and the webjars
 * ({@code /webjars/**}, version-less paths resolved by the webjars locator), in place of
 * Spring Boot's catch-all {@code /**} handler ({@code spring.web.resources.add-mappings:
 * false}).
 * <p>
 * Why: with the webjars locator the resource chain is on, and every link a page renders
 * ({@code @{/inbox(open=...)}}) is offered to the {@code ResourceUrlEncodingFilter};
 * under {@code /**} each one was looked up as a file in every location of the class path
 * and, not found, never cached: 150 links of the inbox's list cost more than the rest of
 * the page. Under these patterns a page's link matches no handler and is left as it is.
 * <p>
 * Caching (RFC 9111 §5.2.2): pages link each file by an address that changes with its
 * content (a webjar by its version, {@code /css/app.css} as
 * {@code /css/app-<MD5 of the content>.css}), and such an address is cached for a year as
 * {@code immutable}, so a browser fetches the stylesheets and scripts once, not at every
 * page. A file asked for by its plain name (a script's own {@code import}, the error
 * page's links) is {@code no-cache}: the browser asks again each time and gets a 304
 * while it is unchanged ({@code Last-Modified}). Without this every page carried Spring
 * Security's {@code no-store} onto every asset, and each navigation downloaded about 400
 * KB of them again.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	/** The folders of {@code src/main/resources/static}, each served under its name. */
	static final String[] FOLDERS = { "css", "js", "img", "vendor" };

	/**
	 * {@code /favicon.ico}, which browsers ask for where no page names an icon (a
	 * download, an API answer): a permanent redirect to the logo every page names.
	 */
	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/favicon.ico", "/img/logo.svg").setStatusCode(HttpStatus.MOVED_PERMANENTLY);
	}

	/** One year, in seconds: the longest lifetime RFC 9111 §5.3 lets a cache use. */
	static final String IMMUTABLE = "public, max-age=31536000, immutable";

	/**
	 * An address that names its content: a webjar under its version
	 * ({@code /webjars/htmx.org/2.0.10/...}) or a file with its content's MD5
	 * ({@code /css/app-0123...cdef.css}).
	 */
	static final Pattern CONTENT_ADDRESSED = Pattern.compile("^/webjars/[^/]+/\\d[^/]*/|-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				response.setHeader(HttpHeaders.CACHE_CONTROL,
						CONTENT_ADDRESSED.matcher(path).find() ? IMMUTABLE : "no-cache");
				return true;
			}
		}).addPathPatterns("/webjars/**", "/css/**", "/js/**", "/img/**", "/vendor/**");
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
		for (String folder : FOLDERS) {
			registry.addResourceHandler("/" + folder + "/**")
				.addResourceLocations("classpath:/static/" + folder + "/")
				.resourceChain(true)
				.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		}
	}

}
