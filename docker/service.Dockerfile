# syntax=docker/dockerfile:1
# Builds one orderflow module into a runnable image, from the repository root:
#   docker build -f docker/service.Dockerfile --build-arg MODULE=order-service .
# Tests are skipped here: they run in the build (./mvnw verify), not in images.

FROM eclipse-temurin:21-jdk-noble AS build
ARG MODULE
WORKDIR /workspace
COPY . .
# Spring Boot services get their runnable <module>-exec.jar from the build; the provider simulator is plain
# Java, so its jar is repackaged here to run with `java -jar` too. The Maven cache is shared by the four
# images compose builds, one build at a time.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    set -eu; \
    test -n "${MODULE:-}" || { echo "--build-arg MODULE=<module> is required" >&2; exit 1; }; \
    goals="package"; \
    grep -q spring-boot-maven-plugin "${MODULE}/pom.xml" \
      || goals="package org.springframework.boot:spring-boot-maven-plugin:repackage"; \
    sh ./mvnw --batch-mode --no-transfer-progress -pl "${MODULE}" -am -DskipTests ${goals}; \
    jar="$(ls "${MODULE}"/target/*-exec.jar 2>/dev/null || ls "${MODULE}"/target/"${MODULE}"-*.jar)"; \
    cp "${jar}" /workspace/app.jar

FROM eclipse-temurin:21-jre-noble
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin orderflow
WORKDIR /app
COPY --from=build /workspace/app.jar app.jar
USER 10001
ENTRYPOINT ["java", "-jar", "app.jar"]
