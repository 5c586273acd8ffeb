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
 * What ships: the packaged operator (target/quarkus-app, its copy in the staged release tree that the image
 * copies, target/dist/teal/operator) holds no sandbox class and no DynamoDB Local, and the image
 * (src/main/docker/OperatorImage.java) copies only that copy and the Java runtime. Failsafe runs this after
 * {@code package}, so every {@code ./mvnw -B verify} checks the package it just built.
 */
class PackagedOperatorIT {

  private static final Path APP = Path.of("target/quarkus-app");
  /** The release tree (src/main/dist/build-archives.sh): what the image and the archives are made of. */
  private static final Path STAGED = Path.of("target/dist/teal");

  /** DynamoDB Local and what only it brings: SQLite and its natives, Jetty, Mockito, the Cognito and Pinpoint SDKs. */
  static final Pattern SANDBOX_ONLY_JAR = Pattern.compile("software\\.amazon\\.dynamodb\\..*"
      + "|com\\.almworks\\.sqlite4java\\..*|org\\.eclipse\\.jetty\\..*|org\\.mockito\\..*"
      + "|software\\.amazon\\.awssdk\\.(cognitoidentity|cognitoidentityprovider|pinpoint)-.*"
      + "|org\\.antlr\\.antlr4-runtime-.*|org\\.apache\\.logging\\.log4j\\.log4j-core-.*"
      + "|.*\\.(so|dll|dylib)");

  @Test
  void thePackageHoldsNoSandboxClass() throws IOException {
    holdsNoSandboxClass(APP);
  }

  /** The operator the image and the sandbox archive carry is a copy of the package; it must stay one. */
  @Test
  void theImagesOperatorHoldsNoSandboxClassNorDynamoDbLocal() throws IOException {
    holdsNoSandboxClass(STAGED.resolve("operator"));
    holdsNoDynamoDbLocal(STAGED.resolve("operator"));
  }

  private static void holdsNoSandboxClass(Path app) throws IOException {
    List<Path> jars = files(app).stream().filter(p -> p.toString().endsWith(".jar")).toList();
    List<String> sandbox = new ArrayList<>();
    boolean operatorSeen = false;
    for (Path jar : jars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (ZipEntry entry : zip.stream().filter(e -> !e.isDirectory()).toList()) {
          String name = entry.getName();
          operatorSeen |= name.equals("dev/teal/operator/Operator.class");
          if (name.startsWith("dev/teal/sandbox/")
              || (name.startsWith("META-INF/services/") && name.contains("InProcessSandbox$Starter"))) {
            sandbox.add(app.relativize(jar) + "!/" + name);
          }
        }
      }
    }
    assertThat(operatorSeen).as("the operator's own classes are in the package that is checked").isTrue();
    assertThat(sandbox).as("sandbox classes in " + app).isEmpty();
  }

  @Test
  void thePackageHoldsNoDynamoDbLocal() {
    holdsNoDynamoDbLocal(APP);
  }

  private static void holdsNoDynamoDbLocal(Path app) {
    List<String> libraries = files(app).stream().filter(p -> p.startsWith(app.resolve("lib")))
        .map(p -> p.getFileName().toString()).toList();
    assertThat(libraries).as("the operator's dependencies").anyMatch(name -> name.startsWith("software.amazon.awssdk.ecs-"));
    assertThat(libraries.stream().filter(name -> SANDBOX_ONLY_JAR.matcher(name).matches()).toList())
        .as("DynamoDB Local and its dependencies in " + app.resolve("lib")).isEmpty();
  }

  /**
   * The image (src/main/docker/OperatorImage.java, built under -Pimage and then checked by OperatorImageIT)
   * copies only the staged operator and the Java runtime, so it holds what the checks above saw. This runs in
   * every build, with or without the image: every path the definition copies exists after package, and the
   * runtime is Java 25.
   */
  @Test
  void theImageCopiesOnlyThePackagedOperatorAndTheRuntime() throws IOException {
    String definition = Files.readString(Path.of("src/main/docker/OperatorImage.java"));
    Matcher copy = Pattern.compile("\\b(stage|runtime|operator)\\.resolve\\(\"([^\"]+)\"\\)").matcher(definition);
    List<Path> sources = new ArrayList<>();
    while (copy.find()) {
      Path root = copy.group(1).equals("stage") ? STAGED : STAGED.resolve(copy.group(1));
      sources.add(root.resolve(copy.group(2)));
    }
    assertThat(sources).as("what the image definition copies").isNotEmpty()
        .contains(STAGED.resolve("runtime"), STAGED.resolve("operator/quarkus-run.jar"), STAGED.resolve("operator/app.aot"))
        .allMatch(source -> source.startsWith(STAGED.resolve("operator")) || source.startsWith(STAGED.resolve("runtime")))
        .allMatch(Files::exists, "exists after package");
    assertThat(Files.readString(STAGED.resolve("runtime/release"))).contains("JAVA_VERSION=\"25");
    assertThat(definition).as("runs as a user, not root").containsPattern("USER = \"[1-9][0-9]*\"")
        .contains(".setUser(USER)");
  }

  private static List<Path> files(Path app) {
    assertThat(app.resolve("quarkus-run.jar")).as("the packaged operator; failsafe runs after package").isRegularFile();
    try (Stream<Path> walk = Files.walk(app)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
