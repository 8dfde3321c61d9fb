# syntax=docker/dockerfile:1
# Builds one orderflow module into a runnable image, from the repository root:
#   docker build -f deploy/docker/service.Dockerfile --build-arg MODULE=order-service \
#     --build-arg HEALTHCHECK_URL=http://localhost:8081/actuator/health/readiness .
# Tests are skipped here: they run in the build (./mvnw verify), not in images.
# The same image runs in docker compose and on Kubernetes (deploy/k8s): JDK 25, and for a Spring Boot service an
# ahead-of-time cache trained while the image is built, so that a container is ready in seconds (as the local stack
# learned: docs/performance.md).

FROM eclipse-temurin:25-jdk-noble AS build
ARG MODULE
WORKDIR /workspace
COPY . .
# MODULE is the module's folder (order-service, tools/console). Spring Boot services get their runnable <module>-exec.jar from the build; the provider simulator and the console
# are plain Java, so their jar is repackaged here to run the same way. The repackage goal named on the command line
# would run on every module of the build, so their upstream modules (the console's shared-events) are installed
# first and the module is then packaged alone. The Maven cache is shared by the images compose builds, one build at
# a time.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    set -eu; \
    test -n "${MODULE:-}" || { echo "--build-arg MODULE=<module> is required" >&2; exit 1; }; \
    mvn() { sh ./mvnw --batch-mode --no-transfer-progress -DskipTests "$@"; }; \
    if grep -q spring-boot-maven-plugin "${MODULE}/pom.xml"; then \
      mvn -pl "${MODULE}" -am package; \
    else \
      mvn -pl "${MODULE}" -am install; \
      mvn -pl "${MODULE}" package org.springframework.boot:spring-boot-maven-plugin:repackage; \
    fi; \
    jar="$(ls "${MODULE}"/target/*-exec.jar 2>/dev/null || ls "${MODULE}"/target/"$(basename "${MODULE}")"-*.jar)"; \
    cp "${jar}" /workspace/app.jar
# Spring Boot's layered extraction (the `tools` jar mode): dependencies, spring-boot-loader, snapshot-dependencies
# and application become separate image layers, so a code change rebuilds and ships only the small last one. Without
# --launcher: the application layer holds app.jar, which names its libraries in its manifest and runs with
# `java -jar`, on the JDK's own class loader, the only one an AOT cache serves.
# The tools jar mode needs Spring on the jar's class path, which the plain-Java modules lack: their small jar is
# unpacked whole into the application layer, and starts with Spring Boot's launcher (and without a cache).
RUN set -eu; \
    if grep -q spring-boot-maven-plugin "${MODULE}/pom.xml"; then \
      java -Djarmode=tools -jar app.jar extract --layers --destination extracted; \
      printf '#!/bin/sh\nexec java -XX:AOTCache=/app/app.aot -jar /app/app.jar "$@"\n' > extracted/application/run; \
    else \
      mkdir -p extracted/dependencies extracted/spring-boot-loader extracted/snapshot-dependencies \
        extracted/application; \
      (cd extracted/application && jar --extract --file /workspace/app.jar); \
      printf '#!/bin/sh\nexec java org.springframework.boot.loader.launch.JarLauncher "$@"\n' \
        > extracted/application/run; \
    fi; \
    chmod 755 extracted/application/run

FROM eclipse-temurin:25-jre-noble
# URL the container's health check asks (the image has curl); compose passes the service's own.
ARG HEALTHCHECK_URL
# /var/lib/orderflow: where a module keeps state of its own (the authorization server's signing key), the user's
# only; a named volume mounted there takes its owner from the image
RUN test -n "${HEALTHCHECK_URL:-}" || { echo "--build-arg HEALTHCHECK_URL=<url> is required" >&2; exit 1; }; \
    useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin orderflow; \
    install -d -o 10001 -g 10001 -m 700 /var/lib/orderflow
WORKDIR /app
# least to most often changed
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
ENV HEALTHCHECK_URL=${HEALTHCHECK_URL}
# The local stack's JVM settings (LocalStack.SERVICE_JVM_OPTIONS, docs/performance.md): a live set of about 45 MB per
# service, plus the requests in flight under overload, fits a 128 MB heap (96 MB ran out at 100 orders/s in the
# scale-out faults); the serial collector needs no threads of its own; out of memory, the JVM exits
# and the container restarts rather than limp on. The java launcher reads JDK_JAVA_OPTIONS, in the training run too:
# a cache serves only the options it was trained with, so change them here, not in a deployment.
ENV JDK_JAVA_OPTIONS="-Xmx128m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
# The AOT cache (JEP 483, 514) of a Spring Boot service: a training run that starts the application context and exits
# when it is refreshed (before its Kafka listeners, relays and web server start), so it needs neither the database
# nor the broker: database migrations are off for it, and the secrets the context resolves get placeholders that
# nothing uses. Classes only, no method profiles (-XX:-AOTRecordTraining): profiles of a start-up steered the JIT
# away from the request paths (docs/performance.md). A cache that cannot be made fails the build: run-time would
# only be slower without it, but an image should be what the tests measured. Made as root, read by the user.
RUN set -eu; \
    if grep -q AOTCache run; then \
      java -XX:AOTCacheOutput=app.aot -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining \
        -Dspring.context.exit=onRefresh -jar app.jar --spring.flyway.enabled=false --server.port=0 \
        --management.server.port=0 --orderflow.kafka.password=aot-training \
        --orderflow.payment.provider.api-key=aot-training; \
      test -s app.aot; \
    fi
USER 10001
# a JVM service needs a while to migrate its database and join its consumer group: failures during the start
# period do not count, the first success marks it healthy
HEALTHCHECK --interval=5s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null "${HEALTHCHECK_URL}" || exit 1
# exec form, and run execs java: java is PID 1 and gets SIGTERM directly, so `docker stop` and Kubernetes shut the
# service down gracefully
ENTRYPOINT ["/app/run"]
