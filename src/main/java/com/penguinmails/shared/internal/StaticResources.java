package com.penguinmails.shared.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

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

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
		for (String folder : FOLDERS) {
			registry.addResourceHandler("/" + folder + "/**")
				.addResourceLocations("classpath:/static/" + folder + "/")
				.resourceChain(true);
		}
	}

}
