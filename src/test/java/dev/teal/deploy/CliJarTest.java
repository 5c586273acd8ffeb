package dev.teal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/main/dist/CliJar.java, which merges the CLI's jars for the release archive, run as the build runs it
 * (the JDK's source launcher) on small jars made here: the merged jar must give what the class path gave.
 */
class CliJarTest {

  @TempDir
  static Path dir;
  static Map<String, String> merged;
  static Manifest manifest;

  @BeforeAll
  static void merge() throws Exception {
    Path first = jar("first.jar", false, Map.of(
        "a/Shared.class", "first",
        "META-INF/services/x.Service", "a.FirstImpl",
        "software/amazon/awssdk/global/handlers/execution.interceptors", "a.FirstInterceptor\n",
        "LICENSE", "first licence",
        "module-info.class", "module",
        "META-INF/SIGNER.SF", "signature",
        "META-INF/versions/11/a/Ignored.class", "versioned in a jar that is not multi-release",
        "a/Ignored.class", "base"));
    Path second = jar("second.jar", false, Map.of(
        "a/Shared.class", "second",
        "META-INF/services/x.Service", "b.SecondImpl\n",
        "software/amazon/awssdk/global/handlers/execution.interceptors", "b.SecondInterceptor\n",
        "META-INF/LICENSE.txt", "second licence",
        "b/Only.class", "only in second"));
    Path multiRelease = jar("mr.jar", true, Map.of(
        "m/Fast.class", "base",
        "META-INF/versions/11/m/Fast.class", "for 11",
        "META-INF/versions/21/m/Fast.class", "for 21",
        "META-INF/versions/99/m/Fast.class", "for 99",
        "META-INF/versions/17/m/New.class", "only versioned, for 17"));
    Path out = dir.resolve("merged.jar");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        Path.of("src/main/dist/CliJar.java").toAbsolutePath().toString(), "25", out.toString(), first.toString(),
        second.toString(), multiRelease.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("CliJar finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    merged = new LinkedHashMap<>();
    try (JarFile jar = new JarFile(out.toFile())) {
      manifest = jar.getManifest();
      for (JarEntry entry : jar.stream().filter(e -> !e.isDirectory()).toList()) {
        merged.put(entry.getName(), new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void aNameInSeveralJarsIsTheFirstJarsAsOnTheClassPath() {
    assertThat(merged).containsEntry("a/Shared.class", "first").containsEntry("b/Only.class", "only in second");
  }

  @Test
  void serviceAndInterceptorListsKeepEveryJarsLinesInClassPathOrder() {
    assertThat(merged.get("META-INF/services/x.Service")).isEqualTo("a.FirstImpl\nb.SecondImpl\n");
    assertThat(merged.get("software/amazon/awssdk/global/handlers/execution.interceptors"))
        .isEqualTo("a.FirstInterceptor\nb.SecondInterceptor\n");
  }

  @Test
  void multiReleaseClassesAreTheOnesJava25PicksAndTheMergedJarIsNotMultiRelease() {
    assertThat(merged).containsEntry("m/Fast.class", "for 21").containsEntry("m/New.class", "only versioned, for 17");
    assertThat(merged.keySet()).noneMatch(name -> name.startsWith("META-INF/versions/"));
    assertThat(manifest.getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE)).isNull();
  }

  @Test
  void aJarThatIsNotMultiReleaseKeepsItsBaseClasses() {
    assertThat(merged).containsEntry("a/Ignored.class", "base");
  }

  @Test
  void eachJarsLicenceIsKeptUnderItsName() {
    assertThat(merged).containsEntry("META-INF/licenses/first/LICENSE", "first licence")
        .containsEntry("META-INF/licenses/second/LICENSE.txt", "second licence")
        .doesNotContainKeys("LICENSE", "META-INF/LICENSE.txt");
  }

  @Test
  void moduleDescriptorsAndSignaturesAreLeftOut() {
    assertThat(merged).doesNotContainKeys("module-info.class", "META-INF/SIGNER.SF");
  }

  private static Path jar(String name, boolean multiRelease, Map<String, String> entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (multiRelease) {
      manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
    }
    Path jar = dir.resolve(name);
    try (OutputStream stream = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(stream, manifest)) {
      for (String entry : List.copyOf(new java.util.TreeSet<>(entries.keySet()))) {
        out.putNextEntry(new JarEntry(entry));
        out.write(entries.get(entry).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }
}
