package io.orderflow.web.tomcat;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes {@link ProblemJsonErrorReportValve} the one error report valve of the embedded
 * Tomcat's host.
 *
 * <p>
 * Runs last among the factory customizers, so after Spring Boot's
 * {@code TomcatWebServerFactoryCustomizer}, whose context customizer adds a plain
 * {@link ErrorReportValve} to the host when {@code server.error.include-stacktrace} is
 * {@code never} (the default): that valve is replaced. The host's error report valve
 * class is set to ours too, because {@code StandardHost} adds a valve of that class when
 * it starts unless its pipeline already holds one.
 */
public class ProblemJsonErrorReportValveInstaller
		implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> install(context.getParent()));
	}

	static void install(Container host) {
		Pipeline pipeline = host.getPipeline();
		boolean installed = false;
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ProblemJsonErrorReportValve) {
				installed = true;
			}
			else if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		if (!installed) {
			pipeline.addValve(new ProblemJsonErrorReportValve());
		}
		if (host instanceof StandardHost standardHost) {
			standardHost.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
