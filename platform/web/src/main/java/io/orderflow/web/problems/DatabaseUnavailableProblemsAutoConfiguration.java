package io.orderflow.web.problems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * A {@code 503} problem document, not a {@code 500}, when a service's database is down
 * (I8, docs/architecture.md).
 */
@AutoConfiguration
@ConditionalOnClass({ DispatcherServlet.class, TransactionSystemException.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(DatabaseUnavailableProblems.class)
public class DatabaseUnavailableProblemsAutoConfiguration {

}
