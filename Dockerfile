# casewatch: the gateway, the service and the simulator from one image (the casewatch CLI).
#   docker build -t casewatch .
#   docker run --rm casewatch --help
# Multi-stage: Maven builds the shaded CLI jar; the runtime image holds a JRE, curl (health checks) and the jar,
# and runs as an unprivileged user.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
# .mvn: javac runs Error Prone in-process, which needs the exports in .mvn/jvm.config.
COPY .mvn .mvn
COPY schemas schemas
COPY modules modules
RUN mvn -B -q -DskipTests package -pl modules/cli -am

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 casewatch \
 && useradd --system --uid 10001 --gid casewatch --home-dir /var/lib/casewatch --shell /usr/sbin/nologin casewatch \
 && mkdir -p /var/lib/casewatch/state /var/lib/casewatch/access /var/lib/casewatch/simulator \
 && chown -R casewatch:casewatch /var/lib/casewatch
COPY --from=build /src/modules/cli/target/casewatch.jar /opt/casewatch/casewatch.jar
USER casewatch:casewatch
WORKDIR /var/lib/casewatch
# The service (API, dashboard) listens on 8080; the gateway, as run by docker-compose.yml, on 8088.
EXPOSE 8080 8088
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/opt/casewatch/casewatch.jar"]
CMD ["service"]
