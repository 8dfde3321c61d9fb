package io.orderflow.localstack;

/** The three services, with the fixed ports of the local demo and their databases. */
public enum OrderflowService {

	ORDER("order-service", 8081, "order_service"), PAYMENT("payment-service", 8082, "payment_service"),
	NOTIFICATION("notification-service", 8083, "notification_service");

	private final String moduleName;

	private final int demoPort;

	private final String database;

	OrderflowService(String moduleName, int demoPort, String database) {
		this.moduleName = moduleName;
		this.demoPort = demoPort;
		this.database = database;
	}

	public String moduleName() {
		return moduleName;
	}

	public int demoPort() {
		return demoPort;
	}

	public String database() {
		return database;
	}

}
