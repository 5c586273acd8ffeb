package dev.teal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What ships: the packaged operator (target/quarkus-app, and the image, which copies only that) holds
 * no sandbox class and no DynamoDB Local. Failsafe runs this after {@code package}, so every
 * {@code ./mvnw -B verify} checks the package it just built.
 */
class PackagedOperatorIT {

  private static final Path APP = Path.of("target/quarkus-app");

  /** DynamoDB Local and what only it brings: SQLite and its natives, Jetty, Mockito, the Cognito and Pinpoint SDKs. */
  private static final Pattern SANDBOX_ONLY_JAR = Pattern.compile("software\\.amazon\\.dynamodb\\..*"
      + "|com\\.almworks\\.sqlite4java\\..*|org\\.eclipse\\.jetty\\..*|org\\.mockito\\..*"
      + "|software\\.amazon\\.awssdk\\.(cognitoidentity|cognitoidentityprovider|pinpoint)-.*"
      + "|org\\.antlr\\.antlr4-runtime-.*|org\\.apache\\.logging\\.log4j\\.log4j-core-.*"
      + "|.*\\.(so|dll|dylib)");

  @Test
  void thePackageHoldsNoSandboxClass() throws IOException {
    List<Path> jars = files().stream().filter(p -> p.toString().endsWith(".jar")).toList();
    List<String> sandbox = new ArrayList<>();
    boolean operatorSeen = false;
    for (Path jar : jars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (ZipEntry entry : zip.stream().filter(e -> !e.isDirectory()).toList()) {
          String name = entry.getName();
          operatorSeen |= name.equals("dev/teal/operator/Operator.class");
          if (name.startsWith("dev/teal/sandbox/")
              || (name.startsWith("META-INF/services/") && name.contains("InProcessSandbox$Starter"))) {
            sandbox.add(APP.relativize(jar) + "!/" + name);
          }
        }
      }
    }
    assertThat(operatorSeen).as("the operator's own classes are in the package that is checked").isTrue();
    assertThat(sandbox).as("sandbox classes in " + APP).isEmpty();
  }

  @Test
  void thePackageHoldsNoDynamoDbLocal() {
    List<String> libraries = files().stream().filter(p -> p.startsWith(APP.resolve("lib")))
        .map(p -> p.getFileName().toString()).toList();
    assertThat(libraries).as("the operator's dependencies").anyMatch(name -> name.startsWith("software.amazon.awssdk.ecs-"));
    assertThat(libraries.stream().filter(name -> SANDBOX_ONLY_JAR.matcher(name).matches()).toList())
        .as("DynamoDB Local and its dependencies in " + APP.resolve("lib")).isEmpty();
  }

  /** The image copies only from target/quarkus-app, so it holds what the checks above saw. */
  @Test
  void theImageCopiesOnlyThePackagedOperator() throws IOException {
    String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
    Matcher copy = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+\\s*$").matcher(dockerfile);
    List<String> sources = new ArrayList<>();
    while (copy.find()) {
      sources.add(copy.group(1));
    }
    assertThat(sources).isNotEmpty().allMatch(source -> source.startsWith("target/quarkus-app/"));
    assertThat(Files.readAllLines(Path.of(".dockerignore"))).as("the build context: nothing but the package")
        .containsExactly("*", "!target/quarkus-app/*");
  }

  private static List<Path> files() {
    assertThat(APP.resolve("quarkus-run.jar")).as("the packaged operator; failsafe runs after package").isRegularFile();
    try (Stream<Path> walk = Files.walk(APP)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
