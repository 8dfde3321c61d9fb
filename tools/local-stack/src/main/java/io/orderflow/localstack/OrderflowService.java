package io.orderflow.localstack;

/** The three services, with the fixed ports of the local demo and their databases. */
public enum OrderflowService {

	ORDER("order-service", 8081, 9181, "order_service"), PAYMENT("payment-service", 8082, 9182, "payment_service"),
	NOTIFICATION("notification-service", 8083, 9183, "notification_service");

	private final String moduleName;

	private final int demoPort;

	private final int demoManagementPort;

	private final String database;

	OrderflowService(String moduleName, int demoPort, int demoManagementPort, String database) {
		this.moduleName = moduleName;
		this.demoPort = demoPort;
		this.demoManagementPort = demoManagementPort;
		this.database = database;
	}

	public String moduleName() {
		return moduleName;
	}

	public int demoPort() {
		return demoPort;
	}

	/** The actuator's own port, where Prometheus scrapes without a token. */
	public int demoManagementPort() {
		return demoManagementPort;
	}

	public String database() {
		return database;
	}

}
