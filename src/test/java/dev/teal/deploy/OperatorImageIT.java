package dev.teal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator image as it ships: the tarball Jib writes from src/main/docker/OperatorImage.java under
 * {@code -Pimage}, read as {@code docker load} reads it (manifest.json, the config, the layers). It is not run:
 * there is no Docker engine here. Without the profile the tarball is not built and every test here is
 * reported skipped, with the reason, and the log says so.
 */
class OperatorImageIT {

  private static final Path TARBALL = Path.of("target/teal-operator-image.tar");
  private static final String OPERATOR = "opt/teal/operator/";

  private static JsonNode config;
  /** Every file of every layer, by path (no leading slash), with its mode; later layers win. */
  private static final Map<String, Integer> FILES = new LinkedHashMap<>();
  /** The entries of every jar in the layers, as jar!/entry. */
  private static final List<String> JAR_ENTRIES = new ArrayList<>();
  /** Every file's modification time in seconds, by path. */
  private static final Map<String, Long> MODIFIED = new LinkedHashMap<>();
  private static final Map<String, byte[]> SMALL_FILES = new LinkedHashMap<>();
  private static List<String> layerNames;

  private static final String NOT_BUILT = "the operator image was not built (" + TARBALL
      + " is missing): build it with ./mvnw -B package -Pimage, see docs/operator.md";

  @BeforeAll
  static void readTheTarball() throws IOException {
    if (!Files.isRegularFile(TARBALL)) {
      System.err.println("OperatorImageIT skipped: " + NOT_BUILT);
      return;
    }
    Map<String, byte[]> outer = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(TARBALL)) {
      Tar.read(in, (name, mode, modified, content) -> outer.put(name, content.readAllBytes()));
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(outer.get("manifest.json")).get(0);
    config = json.readTree(outer.get(manifest.get("Config").asText()));
    layerNames = new ArrayList<>();
    manifest.get("Layers").forEach(layer -> layerNames.add(layer.asText()));
    for (String layer : layerNames) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(outer.get(layer)))) {
        Tar.read(in, (name, mode, modified, content) -> {
          String path = name.replaceFirst("^\\./", "").replaceFirst("^/", "");
          FILES.put(path, mode);
          MODIFIED.put(path, modified);
          if (path.endsWith(".jar")) {
            try (ZipInputStream jar = new ZipInputStream(content)) {
              for (ZipEntry entry; (entry = jar.getNextEntry()) != null; ) {
                JAR_ENTRIES.add(path + "!/" + entry.getName());
              }
            }
          } else if (path.startsWith("etc/") || path.endsWith("/release")) {
            SMALL_FILES.put(path, content.readAllBytes());
          }
        });
      }
    }
  }

  /** Each test is reported skipped, with the reason, when the profile did not build the image. */
  @BeforeEach
  void theImageWasBuilt() {
    Assumptions.assumeTrue(config != null, NOT_BUILT);
  }

  @Test
  void itStartsTheOperatorJarByItsAbsolutePathWithTheAotCache() {
    List<String> entrypoint = new ArrayList<>();
    config.path("config").path("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
    assertThat(entrypoint).as("the entrypoint").startsWith("/opt/teal/runtime/bin/java")
        .contains("-XX:AOTCache=/opt/teal/operator/app.aot", "@/opt/teal/operator/jvm.options")
        .endsWith("-jar", "/opt/teal/operator/quarkus-run.jar");
    assertThat(config.path("config").path("Cmd").isMissingNode() || config.path("config").path("Cmd").isNull()
        || config.path("config").path("Cmd").isEmpty()).as("no Cmd adds arguments").isTrue();
    assertThat(FILES).as("what the entrypoint names is in the image")
        .containsKeys("opt/teal/runtime/bin/java", OPERATOR + "quarkus-run.jar", OPERATOR + "app.aot",
            OPERATOR + "jvm.options");
    assertThat(FILES.get("opt/teal/runtime/bin/java") & 0111).as("java is executable").isNotZero();
    assertThat(config.path("config").path("WorkingDir").asText())
        .as("the operator's folder, against which the AOT cache's relative class path resolves").isEqualTo("/opt/teal/operator");
    assertThat(config.path("config").path("ExposedPorts").has("8080/tcp")).isTrue();
  }

  @Test
  void itRunsAsANamedUserThatIsNotRoot() {
    String user = config.path("config").path("User").asText();
    assertThat(user).as("the image's user, numeric so the platform can tell it is not root").matches("[0-9]+");
    assertThat(Integer.parseInt(user)).isNotZero();
    assertThat(new String(SMALL_FILES.get("etc/passwd"), StandardCharsets.UTF_8)).contains(":x:" + user + ":");
    assertThat(FILES.get("tmp") & 0777).as("/tmp, writable by the user").isEqualTo(0777);
  }

  /** The runtime is the build's Java 25, and the base holds what its launcher links (the loader and libc). */
  @Test
  void itCarriesTheJava25RuntimeAndTheLibrariesItLinks() {
    assertThat(new String(SMALL_FILES.get("opt/teal/runtime/release"), StandardCharsets.UTF_8)).contains("JAVA_VERSION=\"25");
    assertThat(FILES).containsKey("lib64/ld-linux-x86-64.so.2");
    assertThat(FILES.keySet()).anyMatch(path -> path.endsWith("/libc.so.6")).anyMatch(path -> path.endsWith("/libm.so.6"));
    assertThat(layerNames).as("base, runtime, lib, quarkus, app, aot: the often changed last").hasSize(6);
  }

  /** Only the base, the runtime and the packaged operator: no sandbox, no DynamoDB Local, no test classes. */
  @Test
  void itHoldsTheOperatorAndNoSandboxNorTestClassesNorDynamoDbLocal() {
    assertThat(FILES.keySet()).as("nothing outside the base, the runtime and the operator")
        .allMatch(path -> path.matches("opt|opt/teal|(opt/teal/(runtime|operator)|etc|tmp|lib64|lib|usr/lib)(/.*)?"));
    assertThat(JAR_ENTRIES).as("the operator's classes are in the jars checked")
        .anyMatch(entry -> entry.endsWith("!/dev/teal/operator/Operator.class"));
    assertThat(JAR_ENTRIES).as("sandbox and test classes")
        .noneMatch(entry -> entry.contains("!/dev/teal/sandbox/"))
        .noneMatch(entry -> entry.matches(".*!/dev/teal/.*(Test|IT)(\\$.*)?\\.class"))
        .noneMatch(entry -> entry.contains("!/META-INF/services/") && entry.contains("InProcessSandbox$Starter"));
    assertThat(FILES.keySet().stream().filter(path -> path.startsWith(OPERATOR + "lib/"))
        .map(path -> path.substring(path.lastIndexOf('/') + 1))
        .filter(name -> PackagedOperatorIT.SANDBOX_ONLY_JAR.matcher(name).matches()).toList())
        .as("DynamoDB Local and what only it brings").isEmpty();
  }

  /** The operator in the image is the staged one, file for file: the tests of the package hold for the image. */
  @Test
  void itsOperatorIsTheStagedOneFileForFile() throws IOException {
    Path staged = Path.of("target/dist/teal/operator");
    List<String> expected;
    try (Stream<Path> walk = Files.walk(staged)) {
      expected = walk.filter(Files::isRegularFile).map(p -> OPERATOR + staged.relativize(p).toString().replace('\\', '/'))
          // Not the training's log of the cache, nor Quarkus's list of the dependencies (for tools, not the JVM).
          .filter(p -> !p.endsWith("/app.aot.config") && !p.endsWith("/quarkus-app-dependencies.txt")).sorted().toList();
    }
    assertThat(FILES.keySet().stream().filter(p -> p.startsWith(OPERATOR) && (FILES.get(p) & 0170000) != 0040000)
        .filter(p -> !p.endsWith("/")).sorted().toList())
        .containsExactlyElementsOf(expected);
  }

  /**
   * The JVM maps the AOT cache only when every jar of the class path has the modification time it had when the
   * cache was trained; Jib's default time (the epoch plus 1 s) made the operator start without it.
   */
  @Test
  void theClassPathKeepsTheTimesTheAotCacheWasTrainedWith() throws IOException {
    Path staged = Path.of("target/dist/teal/operator");
    List<String> jars;
    try (Stream<Path> walk = Files.walk(staged)) {
      jars = walk.filter(p -> p.toString().endsWith(".jar")).map(p -> staged.relativize(p).toString()).sorted().toList();
    }
    assertThat(jars).contains("quarkus-run.jar");
    for (String jar : jars) {
      assertThat(MODIFIED.get(OPERATOR + jar)).as(jar + "'s modification time in the image")
          .isEqualTo(Files.getLastModifiedTime(staged.resolve(jar)).toInstant().getEpochSecond());
    }
  }

  /** Just enough of ustar and POSIX pax (long names) to read Jib's tarballs and layers. */
  static final class Tar {
    interface Visitor {
      void file(String name, int mode, long modified, InputStream content) throws IOException;
    }

    static void read(InputStream in, Visitor visitor) throws IOException {
      String longName = null;
      byte[] header = new byte[512];
      while (true) {
        if (in.readNBytes(header, 0, 512) < 512 || allZero(header)) {
          return;
        }
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        int mode = (int) octal(header, 100, 8);
        long size = octal(header, 124, 12);
        long modified = octal(header, 136, 12);
        char type = (char) header[156];
        byte[] content = in.readNBytes((int) size);
        if (content.length < size) {
          throw new EOFException("truncated tar entry " + name);
        }
        in.skipNBytes((512 - size % 512) % 512);
        if (type == 'x') {
          longName = paxPath(new String(content, StandardCharsets.UTF_8));
        } else if (type == 'L') {
          longName = text(content, 0, content.length);
        } else {
          if (longName != null) {
            name = longName;
            longName = null;
          }
          if (type == '5') {
            mode |= 0040000;
            name = name.replaceFirst("/$", "");
          }
          if (type == '0' || type == 0 || type == '5') {
            visitor.file(name, mode, modified, new ByteArrayInputStream(content));
          }
        }
      }
    }

    private static String paxPath(String records) {
      for (String record : records.split("\n")) {
        int space = record.indexOf(' ');
        if (space > 0 && record.startsWith("path=", space + 1)) {
          return record.substring(space + 1 + "path=".length());
        }
      }
      return null;
    }

    private static boolean allZero(byte[] block) {
      for (byte b : block) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }

    private static String text(byte[] bytes, int offset, int length) {
      int end = offset;
      while (end < offset + length && bytes[end] != 0) {
        end++;
      }
      return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] bytes, int offset, int length) {
      String digits = text(bytes, offset, length).trim();
      return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }
  }
}
