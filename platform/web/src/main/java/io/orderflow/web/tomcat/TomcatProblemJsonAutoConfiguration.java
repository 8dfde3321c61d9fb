package io.orderflow.web.tomcat;

import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;

/**
 * Problem documents (I8, docs/architecture.md) for the requests the embedded Tomcat
 * refuses before Spring MVC sees them.
 */
@AutoConfiguration
@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class TomcatProblemJsonAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemJsonErrorReportValveInstaller problemJsonErrorReportValveInstaller() {
		return new ProblemJsonErrorReportValveInstaller();
	}

}
