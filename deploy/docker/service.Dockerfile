# syntax=docker/dockerfile:1
# Builds one orderflow module into a runnable image, from the repository root:
#   docker build -f deploy/docker/service.Dockerfile --build-arg MODULE=order-service \
#     --build-arg HEALTHCHECK_URL=http://localhost:8081/actuator/health/readiness .
# Tests are skipped here: they run in the build (./mvnw verify), not in images.

FROM eclipse-temurin:21-jdk-noble AS build
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
# and application become separate image layers, so a code change rebuilds and ships only the small last one.
# The tools jar mode needs Spring on the jar's class path, which the plain-Java modules lack: their small jar is
# unpacked whole into the application layer, and starts with the same launcher.
RUN set -eu; \
    if grep -q spring-boot-maven-plugin "${MODULE}/pom.xml"; then \
      java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted; \
    else \
      mkdir -p extracted/dependencies extracted/spring-boot-loader extracted/snapshot-dependencies \
        extracted/application; \
      cd extracted/application && jar --extract --file /workspace/app.jar; \
    fi

FROM eclipse-temurin:21-jre-noble
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
USER 10001
# a JVM service needs a while to migrate its database and join its consumer group: failures during the start
# period do not count, the first success marks it healthy
HEALTHCHECK --interval=5s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null "${HEALTHCHECK_URL}" || exit 1
# exec form: java is PID 1 and gets SIGTERM directly, so `docker stop` shuts the service down gracefully
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
