package io.orderflow.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;
import io.orderflow.messaging.consumer.CloudEventDeserializer;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.consumer.ConsumerFailures;
import io.orderflow.messaging.consumer.BackingOffRecoverer;
import io.orderflow.messaging.consumer.DeadLetterPublishing;
import io.orderflow.messaging.consumer.DeadLetteringFailureListener;
import io.orderflow.messaging.consumer.DeadLetterTopics;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.consumer.RecordBatchMetrics;
import io.orderflow.messaging.consumer.RecordBatches;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.messaging.consumer.StepAsideWhileDatabaseUnreachable;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.messaging.outbox.Outbox;
import io.orderflow.messaging.outbox.OutboxMetrics;
import io.orderflow.messaging.outbox.PublishedEvents;
import io.orderflow.messaging.retention.RetentionPruner;
import io.orderflow.messaging.outbox.OutboxRelay;
import io.orderflow.messaging.outbox.OutboxRelayHealthIndicator;
import io.orderflow.messaging.tracing.AggregateCorrelations;
import io.orderflow.messaging.tracing.AggregateIdListenerObservationConvention;
import io.orderflow.messaging.tracing.AggregateIdTemplateObservationConvention;
import io.orderflow.messaging.tracing.OutboxTraceContext;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.DeliveryAttemptAware;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The delivery guarantees every orderflow service gets by depending on this module: an
 * idempotent producer with {@code acks=all}, the transactional outbox and its relay, the
 * inbox, CloudEvents deserialisation behind an {@link ErrorHandlingDeserializer}, bounded
 * retries, and a dead-letter and a replay topic per consumed topic.
 *
 * <p>
 * A service declares what it publishes ({@link PublishedEvents}) and what it consumes
 * ({@link ConsumedEvents}) as beans; this configuration derives the topics, the trusted
 * types and the dead-letter and replay topics from them.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

	@Bean
	EventJson eventJson() {
		return new EventJson();
	}

	/**
	 * Durability is fixed here, not left to configuration: a figure won with weaker
	 * settings would not count. Values are either outbox payloads (already JSON bytes) or
	 * events being dead-lettered after deserialisation. Boot's producer factory
	 * customizers apply as they would to Boot's own factory, which this one replaces:
	 * among them the one that binds the producer's Kafka client metrics to Micrometer.
	 */
	@Bean
	ProducerFactory<String, Object> kafkaProducerFactory(KafkaProperties kafka, EventJson json,
			MessagingProperties properties, ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		// the outbox relay already sends a round's rows together and waits for their
		// acknowledgements; Kafka 4's
		// default 5 ms linger would add 5 ms to every hop of the saga for no batching the
		// relay does not do itself
		// (docs/performance.md); a configured value still wins
		config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
		// a dead letter is the original record whole, however large the topic let it be,
		// plus its bounded headers
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, properties.topics().deadLetterMaxMessageBytes());
		Map<Class<?>, Serializer<?>> serializers = new LinkedHashMap<>();
		serializers.put(byte[].class, new ByteArraySerializer());
		serializers.put(IntegrationEvent.class, (Serializer<IntegrationEvent>) (topic, event) -> json.write(event));
		var factory = new DefaultKafkaProducerFactory<String, Object>(config, new StringSerializer(),
				new DelegatingByTypeSerializer(serializers, true));
		customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
		return factory;
	}

	/**
	 * Observed: each send is a producer span (tagged with the aggregate id), whose
	 * context travels in the record's {@code traceparent} header, so the consumer's span
	 * continues the same trace.
	 */
	@Bean
	KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory,
			AggregateCorrelations aggregateCorrelations) {
		KafkaTemplate<String, Object> template = new KafkaTemplate<>(producerFactory);
		template.setObservationEnabled(true);
		template.setObservationConvention(new AggregateIdTemplateObservationConvention(aggregateCorrelations));
		return template;
	}

	/**
	 * Which aggregate the records of each topic are about, from the families the service
	 * publishes and consumes: what its Kafka spans and listener logs call the record key
	 * ({@code orderflow.order.id} and {@code orderId} for orderflow's families). A
	 * dead-letter or replay topic keeps its consumed topic's keys.
	 */
	@Bean
	AggregateCorrelations aggregateCorrelations(ObjectProvider<PublishedEvents> published, ConsumedEvents consumed,
			KafkaProperties kafkaProperties) {
		String group = kafkaProperties.getConsumer().getGroupId();
		Map<String, EventCatalog<?>> catalogByTopic = new HashMap<>();
		published.ifAvailable(events -> catalogByTopic.put(events.catalog().topic(), events.catalog()));
		for (String topic : consumed.topics()) {
			EventCatalog<?> catalog = consumed.catalogFor(topic).orElseThrow();
			catalogByTopic.put(topic, catalog);
			catalogByTopic.put(DeadLetterTopics.of(topic, group), catalog);
			catalogByTopic.put(ReplayTopics.of(topic, group), catalog);
		}
		return AggregateCorrelations.of(catalogByTopic);
	}

	/**
	 * A relay whose thread died marks the application's liveness {@code BROKEN} through
	 * the event publisher.
	 */
	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
			MessagingProperties properties, ObjectProvider<OutboxTraceContext> traceContext,
			ApplicationEventPublisher events) {
		return new OutboxRelay(jdbc, transactions, kafka, properties.outbox(),
				traceContext.getIfAvailable(() -> OutboxTraceContext.NONE), events);
	}

	@Bean
	Outbox outbox(JdbcClient jdbc, EventJson json, OutboxRelay relay, ObjectProvider<OutboxTraceContext> traceContext) {
		return new Outbox(jdbc, json, relay, traceContext.getIfAvailable(() -> OutboxTraceContext.NONE));
	}

	@Bean
	Inbox inbox(JdbcClient jdbc, ConsumedEvents consumed) {
		return new Inbox(jdbc, consumed);
	}

	/**
	 * Forgets inbox rows and dead-letter resolutions past the horizon no redelivery
	 * reaches (ADR 0018).
	 */
	@Bean
	RetentionPruner retentionPruner(JdbcClient jdbc, MessagingProperties properties) {
		return new RetentionPruner(jdbc, properties.pruning());
	}

	/**
	 * Boot's consumer factory customizers apply as they would to Boot's own factory,
	 * which this one replaces: among them the one that binds each consumer's Kafka client
	 * metrics (records lag included) to Micrometer.
	 */
	@Bean
	ConsumerFactory<Object, Object> kafkaConsumerFactory(KafkaProperties kafka, ConsumedEvents consumed, EventJson json,
			MessagingProperties properties, Environment environment,
			ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		// Static membership: a restarted instance (even after SIGKILL) takes its
		// partitions back at once instead of
		// waiting for the group to time the dead member out; a short session bounds how
		// long a gone instance's
		// partitions wait for another one.
		config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(properties.consumer(), environment));
		config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.consumer().sessionTimeout().toMillis());
		@SuppressWarnings({ "unchecked", "rawtypes" })
		DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory(config,
				new StringDeserializer(), new ErrorHandlingDeserializer<>(new CloudEventDeserializer(consumed, json,
						(int) properties.consumer().maxEventSize().toBytes())));
		customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
		return factory;
	}

	private static String instanceId(MessagingProperties.Consumer consumer, Environment environment) {
		if (consumer.instanceId() != null && !consumer.instanceId().isBlank()) {
			return consumer.instanceId();
		}
		String host = environment.getProperty("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "localhost";
			}
		}
		return environment.getProperty("spring.application.name", "orderflow") + "-" + host + "-"
				+ environment.getProperty("server.port", "8080");
	}

	/**
	 * Where a record that keeps failing goes: its dead-letter topic, with the reason and
	 * origin in headers. When the dead-letter topic does not take it, the record is not
	 * skipped: the consumer pauses, growing from {@code initialBackoff} to
	 * {@code dependencyMaxBackoff} (Kafka is a dependency like any other), and tries
	 * again ({@link BackingOffRecoverer}); each failure is logged at ERROR and counted.
	 */
	@Bean
	BackingOffRecoverer deadLetterRecoverer(KafkaTemplate<String, Object> kafka, KafkaProperties kafkaProperties,
			MessagingProperties properties, ObjectProvider<DeadLetteringFailureListener> failureListeners) {
		String group = kafkaProperties.getConsumer().getGroupId();
		MessagingProperties.Consumer consumer = properties.consumer();
		return new BackingOffRecoverer(DeadLetterPublishing.recoverer(kafka, group),
				record -> DeadLetterTopics.ofRecordFrom(record.topic(), group),
				topic -> failureListeners.forEach(listener -> listener.failed(topic)), consumer.initialBackoff(),
				consumer.dependencyMaxBackoff());
	}

	/**
	 * Blocking retries keep one aggregate's records in order (in orderflow, per-order
	 * order). A record that fails is retried with exponential backoff a bounded number of
	 * times, then goes to its dead-letter topic ({@link #deadLetterRecoverer}) and the
	 * partition moves on. Records that can never succeed (undeserialisable, wrongly
	 * keyed) skip the retries. A record whose processing failed only because a dependency
	 * is down is not poison: it is retried, with pauses growing to
	 * {@code dependencyMaxBackoff}, until the dependency heals. Once a record's retries
	 * are spent, a failed dead-lettering does not start them again: the next delivery
	 * goes straight to the dead-letter topic.
	 */
	@Bean
	CommonErrorHandler kafkaErrorHandler(BackingOffRecoverer deadLetterRecoverer,
			StepAsideWhileDatabaseUnreachable stepAside, MessagingProperties properties) {
		MessagingProperties.Consumer consumer = properties.consumer();
		var backOff = new ExponentialBackOffWithMaxRetries(consumer.maxAttempts() - 1);
		backOff.setInitialInterval(consumer.initialBackoff().toMillis());
		backOff.setMaxInterval(consumer.maxBackoff().toMillis());
		backOff.setMultiplier(2.0);
		var untilHealed = new ExponentialBackOff(consumer.initialBackoff().toMillis(), 2.0);
		untilHealed.setMaxInterval(consumer.dependencyMaxBackoff().toMillis());
		var handler = new DefaultErrorHandler(deadLetterRecoverer, backOff);
		handler.setBackOffFunction((record, ex) -> ConsumerFailures.isDependencyUnavailable(ex) ? untilHealed : null);
		handler.addNotRetryableExceptions(PoisonEventException.class);
		handler.setResetStateOnRecoveryFailure(false);
		handler.setRetryListeners(stepAside);
		return handler;
	}

	/**
	 * An instance that cannot reach its database gives its partitions to instances that
	 * can, until it can again ({@link StepAsideWhileDatabaseUnreachable}).
	 */
	@Bean
	StepAsideWhileDatabaseUnreachable stepAsideWhileDatabaseUnreachable(
			ObjectProvider<KafkaListenerEndpointRegistry> listeners, DataSource dataSource) {
		return new StepAsideWhileDatabaseUnreachable(listeners,
				StepAsideWhileDatabaseUnreachable.freshConnection(dataSource), Duration.ofSeconds(1));
	}

	/**
	 * How a batch listener applies a poll: in one transaction, else one record at a time
	 * ({@link RecordBatches}, ADR 0024), each record observed as the containers observe a
	 * record listener's ({@link #listenerContainerConventions}), its delivery attempt as
	 * the error handler counts it.
	 */
	@Bean
	RecordBatches recordBatches(KafkaProperties kafkaProperties, TransactionTemplate transactions,
			ObjectProvider<ObservationRegistry> observations, ObjectProvider<AggregateCorrelations> correlations,
			ObjectProvider<CommonErrorHandler> errorHandler) {
		return new RecordBatches(kafkaProperties.getConsumer().getGroupId(), transactions,
				observations.getIfUnique(() -> ObservationRegistry.NOOP),
				new AggregateIdListenerObservationConvention(SingletonSupplier.of(correlations::getObject)),
				SingletonSupplier
					.of(() -> errorHandler.getIfUnique() instanceof DeliveryAttemptAware attempts ? attempts : null));
	}

	/**
	 * How long a listener container's poll waits when no record comes: an idle consumer
	 * commits the offsets it still holds ({@code commit-interval}) at the end of such a
	 * wait, so this bounds how long they wait after the last record. The fetch itself
	 * still waits at the broker ({@code fetch.max.wait.ms}), so a shorter poll costs no
	 * round trips.
	 */
	static final Duration IDLE_POLL = Duration.ofSeconds(1);

	/**
	 * Makes every listener container stamp
	 * {@link org.springframework.kafka.support.KafkaHeaders#DELIVERY_ATTEMPT} on each
	 * record (the error handler counts the attempts), so the dead letter can say how many
	 * were tried; observe each record: a consumer span, child of the producer's
	 * ({@code traceparent} header), tagged with the aggregate id, whose scope also puts
	 * the aggregate id into the log context (a batch listener's records are observed by
	 * {@link RecordBatches}, and spring-kafka's own per-poll timer is off); and commit
	 * offsets once per {@code orderflow.messaging.consumer.commit-interval} instead of
	 * after every poll ({@link AckMode#TIME}): at a few records per poll, a synchronous
	 * commit per poll was a tenth of notification-service's CPU samples
	 * (docs/performance.md). Every container factory, not only Boot's
	 * ({@code spring.kafka.listener.*} reaches Boot's alone). A post-processor rather
	 * than a {@code ContainerCustomizer} bean: Boot applies at most one customizer, and
	 * that one stays free for the services. The correlations are looked up when the first
	 * record is observed: a post-processor must not create the service's beans early.
	 */
	@Bean
	static BeanPostProcessor listenerContainerConventions(ObjectProvider<AggregateCorrelations> aggregateCorrelations,
			ObjectProvider<MessagingProperties> messagingProperties) {
		SingletonSupplier<AggregateCorrelations> correlations = SingletonSupplier.of(aggregateCorrelations::getObject);
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
					ContainerProperties container = factory.getContainerProperties();
					container.setDeliveryAttemptHeader(true);
					container.setObservationEnabled(true);
					// a batch listener's container is not observed and would time whole
					// polls under the same meter name with other tags, which Prometheus
					// refuses: its records are observed one by one (RecordBatches)
					container.setMicrometerEnabled(false);
					container.setObservationConvention(new AggregateIdListenerObservationConvention(correlations));
					Duration commitInterval = messagingProperties.getObject().consumer().commitInterval();
					if (commitInterval.isPositive()) {
						container.setAckMode(AckMode.TIME);
						container.setAckTime(commitInterval.toMillis());
					}
					container.setPollTimeout(IDLE_POLL.toMillis());
				}
				return bean;
			}
		};
	}

	/**
	 * Every topic the service touches, so it never depends on broker-side auto-creation
	 * or start order, made as {@link TopicDeclarations} says; declared only where the
	 * service may create topics. orderflow's services may not (their Kafka users have no
	 * CREATE): they set {@code spring.kafka.admin.auto-create=false} and an admin step
	 * makes the topics ({@code BrokerProvisioning}). A replay topic is made as an event
	 * topic: it carries the source topic's records, no larger.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "spring.kafka.admin.auto-create", matchIfMissing = true)
	KafkaAdmin.NewTopics orderflowTopics(ObjectProvider<PublishedEvents> published, ConsumedEvents consumed,
			KafkaProperties kafkaProperties, MessagingProperties properties) {
		String group = kafkaProperties.getConsumer().getGroupId();
		MessagingProperties.Topics topics = properties.topics();
		Map<String, NewTopic> byName = new LinkedHashMap<>();
		published.ifAvailable(events -> byName.put(events.catalog().topic(),
				TopicDeclarations.eventTopic(events.catalog().topic(), topics)));
		for (String topic : consumed.topics()) {
			byName.put(topic, TopicDeclarations.eventTopic(topic, topics));
			String deadLetterTopic = DeadLetterTopics.of(topic, group);
			byName.put(deadLetterTopic, TopicDeclarations.deadLetterTopic(deadLetterTopic, topics));
			String replayTopic = ReplayTopics.of(topic, group);
			byName.put(replayTopic, TopicDeclarations.eventTopic(replayTopic, topics));
		}
		return new KafkaAdmin.NewTopics(byName.values().toArray(NewTopic[]::new));
	}

	/**
	 * The relay's health ({@code outboxRelay}), where the service has Spring Boot's
	 * health (an optional dependency).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class OutboxRelayHealthConfiguration {

		@Bean
		@ConditionalOnEnabledHealthIndicator("outbox-relay")
		OutboxRelayHealthIndicator outboxRelayHealthIndicator(OutboxRelay relay) {
			return new OutboxRelayHealthIndicator(relay);
		}

	}

	/**
	 * The outbox gauges and the batch counters, where the service has Micrometer (an
	 * optional dependency of this module).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class OutboxMetricsConfiguration {

		@Bean
		OutboxMetrics outboxMetrics(JdbcClient jdbc) {
			return new OutboxMetrics(jdbc);
		}

		@Bean
		RecordBatchMetrics recordBatchMetrics(RecordBatches batches) {
			return new RecordBatchMetrics(batches);
		}

	}

}
