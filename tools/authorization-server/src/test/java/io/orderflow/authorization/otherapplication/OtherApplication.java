package io.orderflow.authorization.otherapplication;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal Spring Boot web application, alone in its package so that its component scan
 * finds nothing of the authorization server's configuration: it sees the module only
 * through the class path, as a service does.
 */
@SpringBootApplication
public class OtherApplication {

}
