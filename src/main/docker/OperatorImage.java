// The teal operator image, defined once, built with Jib (jib-core, the library behind the Jib Maven plugin
// and Quarkus's container-image-jib) into an image tarball, with no Docker engine and no registry:
//
//   ./mvnw -B package -DskipTests -Pimage      # writes target/teal-operator-image.tar
//   docker load -i target/teal-operator-image.tar
//   docker run -i --rm -p 8080:8080 -e AWS_REGION=eu-west-1 -e TEAL_TABLE=teal-deployments teal-operator:VERSION
//
// Maven runs this file with the Java source launcher after src/main/dist/build-archives.sh (the profile
// "image" in pom.xml), as: java -cp JIB_CLASSPATH src/main/docker/OperatorImage.java STAGE VERSION TARBALL
// where STAGE is the release tree target/dist/teal (runtime/ and operator/). docs/operator.md describes the
// image; OperatorImageIT reads the tarball and checks what this file promises.
//
// What is in it, from the least to the most often changed layer:
//   base     glibc's loader and the few shared libraries the Java runtime links (copied from the build
//            machine, the same machine whose JDK made the runtime), /etc/passwd and /etc/group naming the
//            user teal (uid 185), and /tmp. No shell, no package manager, nothing else: FROM scratch.
//   runtime  target/dist/teal/runtime, the jlink image of the build's JDK (Temurin 25). The image carries
//            the build's runtime, not a base image's, because an AOT cache works only on the JVM that made it.
//   lib      the operator's dependencies (target/dist/teal/operator/lib)
//   quarkus  Quarkus's generated classes (operator/quarkus)
//   app      teal's own jar (operator/app) and quarkus-run.jar
//   aot      the AOT cache (operator/app.aot), trained at package time on that runtime
// Nothing from the sandbox: target/dist/teal/{sandbox,bin,lib} stay out (OperatorImageIT checks).
//
// Files belong to root and are read-only to the operator, which runs as uid 185 and writes only to /tmp.
// Configuration is teal.* as environment variables (TEAL_WORKERS, TEAL_LEASE_DURATION...), see
// docs/configuration.md; JAVA_TOOL_OPTIONS adds JVM options. Health: /q/health/live and /q/health/ready on
// port 8080. With no shell and no curl in the image, the container health check runs the image's own Java:
// dev.teal.operator.HealthProbe (deploy/cloudformation/operator.yaml). ECS stops a task with SIGTERM: the
// operator drains and releases its lease (docs/operations.md); keep stopTimeout above teal.shutdown-timeout.

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

class OperatorImage {

  static final String USER = "185";
  static final String RUNTIME = "/opt/teal/runtime";
  static final String OPERATOR = "/opt/teal/operator";

  /**
   * The flags the AOT cache was trained with, from the operator's own argfile (src/main/dist/operator/jvm.options),
   * and the heap, sized to the task. The jar by its absolute path: the cache holds the application's classes and
   * is used only for the class path it was trained with, which the JVM accepts moved when it is named so. The
   * working directory is the operator's folder: the cache names the jars relative to it, and a JVM that cannot
   * find them by the cache's own paths pays for it at every class it loads (src/main/dist/build-archives.sh).
   */
  static final List<String> ENTRYPOINT = List.of(RUNTIME + "/bin/java", "-XX:AOTCache=" + OPERATOR + "/app.aot",
      "-Xlog:aot=off", "-Xlog:cds=off", "@" + OPERATOR + "/jvm.options", "-XX:MaxRAMPercentage=75",
      "-Dquarkus.http.host=0.0.0.0", "-jar", OPERATOR + "/quarkus-run.jar");

  /** The runtime's native libraries that only java.desktop (AWT, sound, fonts) loads: the operator never does. */
  static final String DESKTOP_ONLY = "lib(awt.*|jawt|splashscreen|jsound|fontmanager|lcms|mlib_image|javajpeg|freetype)\\.so";

  public static void main(String[] args) throws Exception {
    Path stage = Path.of(args[0]);
    String version = args[1];
    Path tarball = Path.of(args[2]);
    Path runtime = stage.resolve("runtime");
    Path operator = stage.resolve("operator");
    for (Path required : List.of(runtime.resolve("bin/java"), operator.resolve("quarkus-run.jar"), operator.resolve("app.aot"),
        operator.resolve("jvm.options"))) {
      if (!Files.isRegularFile(required)) {
        throw new IllegalStateException(required + " is missing: build-archives.sh stages the runtime, the operator and"
            + " its AOT cache (which needs the test classes: do not pass -Dmaven.test.skip)");
      }
    }
    Path work = tarball.resolveSibling("jib");

    JibContainerBuilder image = Jib.fromScratch()
        .addFileEntriesLayer(base(runtime, work.resolve("base")))
        .addFileEntriesLayer(tree("runtime", runtime, RUNTIME))
        .addFileEntriesLayer(tree("lib", operator.resolve("lib"), OPERATOR + "/lib"))
        .addFileEntriesLayer(tree("quarkus", operator.resolve("quarkus"), OPERATOR + "/quarkus"))
        .addFileEntriesLayer(FileEntriesLayer.builder().setName("app")
            .addEntryRecursive(operator.resolve("app"), AbsoluteUnixPath.get(OPERATOR + "/app"), OperatorImage::permissions,
                OperatorImage::modified)
            .addEntry(operator.resolve("quarkus-run.jar"), AbsoluteUnixPath.get(OPERATOR + "/quarkus-run.jar"),
                FilePermissions.DEFAULT_FILE_PERMISSIONS, modified(operator.resolve("quarkus-run.jar"), null))
            .addEntry(operator.resolve("jvm.options"), AbsoluteUnixPath.get(OPERATOR + "/jvm.options"),
                FilePermissions.DEFAULT_FILE_PERMISSIONS, modified(operator.resolve("jvm.options"), null))
            .build())
        .addFileEntriesLayer(FileEntriesLayer.builder().setName("aot")
            .addEntry(operator.resolve("app.aot"), AbsoluteUnixPath.get(OPERATOR + "/app.aot"),
                FilePermissions.DEFAULT_FILE_PERMISSIONS, modified(operator.resolve("app.aot"), null)).build())
        .setEnvironment(Map.of("LANG", "C.UTF-8"))
        .setExposedPorts(Port.tcp(8080))
        .setUser(USER)
        .setWorkingDirectory(AbsoluteUnixPath.get(OPERATOR)) // where the cache's relative class path resolves
        .setEntrypoint(ENTRYPOINT)
        .addLabel("org.opencontainers.image.title", "teal-operator")
        .addLabel("org.opencontainers.image.version", version);

    Files.deleteIfExists(tarball);
    image.containerize(Containerizer.to(TarImage.at(tarball).named("teal-operator:" + version))
        .setOfflineMode(true)
        .setBaseImageLayersCache(work.resolve("cache"))
        .setApplicationLayersCache(work.resolve("cache"))
        .setToolName("teal OperatorImage"));
    System.out.println("image: wrote " + tarball + " (teal-operator:" + version + ")");
  }

  /** A tree copied as it is, keeping its executable bits (bin/java, lib/jspawnhelper) and its times. */
  static FileEntriesLayer tree(String name, Path source, String target) throws IOException {
    return FileEntriesLayer.builder().setName(name)
        .addEntryRecursive(source, AbsoluteUnixPath.get(target), OperatorImage::permissions, OperatorImage::modified).build();
  }

  /**
   * The file's own modification time, not Jib's default (1 s after the epoch, for reproducible layers): the JVM
   * maps the AOT cache only if every jar of the class path has the size and modification time it had in the
   * training run ("shared class paths mismatch ... timestamp has changed" otherwise, and the operator starts
   * without its cache).
   */
  static Instant modified(Path source, AbsoluteUnixPath target) {
    try {
      return Files.getLastModifiedTime(source).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FilePermissions permissions(Path source, AbsoluteUnixPath target) {
    try {
      return Files.isDirectory(source) ? FilePermissions.DEFAULT_FOLDER_PERMISSIONS
          : Files.isExecutable(source) ? FilePermissions.fromOctalString("755") : FilePermissions.DEFAULT_FILE_PERMISSIONS;
    } catch (RuntimeException e) {
      throw new IllegalStateException(source.toString(), e);
    }
  }

  /**
   * The base: what the runtime's launcher and libraries link, as ldd resolves them on this machine (the
   * dynamic loader, libc, libm, libz...), at the same paths, plus libgcc_s (glibc loads it to unwind a
   * cancelled thread); the user teal; an empty /tmp anyone may write to.
   */
  static FileEntriesLayer base(Path runtime, Path work) throws Exception {
    List<Path> binaries = new ArrayList<>();
    binaries.add(runtime.resolve("bin/java"));
    try (Stream<Path> walk = Files.walk(runtime.resolve("lib"))) {
      walk.filter(p -> p.getFileName().toString().endsWith(".so"))
          .filter(p -> !p.getFileName().toString().matches(DESKTOP_ONLY)).sorted().forEach(binaries::add);
    }
    TreeSet<String> libraries = new TreeSet<>();
    for (Path binary : binaries) {
      libraries.addAll(linked(binary, runtime));
    }
    String gcc = linked(Path.of("/bin/true"), runtime).stream().filter(l -> l.contains("libc.so")).findFirst()
        .map(libc -> Path.of(libc).resolveSibling("libgcc_s.so.1").toString()).orElseThrow();
    if (Files.exists(Path.of(gcc))) {
      libraries.add(gcc);
    }

    Files.createDirectories(work.resolve("etc"));
    Files.createDirectories(work.resolve("tmp"));
    Files.writeString(work.resolve("etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
        + "teal:x:" + USER + ":" + USER + ":teal operator:/tmp:/sbin/nologin\n");
    Files.writeString(work.resolve("etc/group"), "root:x:0:\nteal:x:" + USER + ":\n");
    Files.writeString(work.resolve("etc/nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");

    FileEntriesLayer.Builder base = FileEntriesLayer.builder().setName("base");
    for (String library : libraries) {
      // The real file under the name the binaries ask for (the layer holds no symbolic links).
      base.addEntry(Path.of(library).toRealPath(), AbsoluteUnixPath.get(library), FilePermissions.fromOctalString("755"));
    }
    for (String file : List.of("etc/passwd", "etc/group", "etc/nsswitch.conf")) {
      base.addEntry(work.resolve(file), AbsoluteUnixPath.get("/" + file), FilePermissions.DEFAULT_FILE_PERMISSIONS);
    }
    // 777, not 1777: Jib sets no sticky bit, and only the operator's user writes there.
    base.addEntry(work.resolve("tmp"), AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"));
    return base.build();
  }

  /** The absolute paths of the shared libraries outside the runtime that ldd resolves for a binary. */
  static List<String> linked(Path binary, Path runtime) throws Exception {
    Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
    String out = new String(ldd.getInputStream().readAllBytes());
    if (ldd.waitFor() != 0) {
      throw new IllegalStateException("ldd " + binary + ": " + out);
    }
    List<String> found = new ArrayList<>();
    for (String line : out.lines().map(String::strip).toList()) {
      if (line.contains("not found") && !line.startsWith("libjvm.so") && !line.startsWith("libjli.so")) {
        throw new IllegalStateException("ldd " + binary + ": " + line);
      }
      String path = line.contains("=>") ? line.substring(line.indexOf("=>") + 2).strip() : line;
      path = path.replaceFirst("\\s*\\(0x[0-9a-f]+\\)$", "");
      if (path.startsWith("/") && !Path.of(path).toAbsolutePath().startsWith(runtime.toAbsolutePath())) {
        found.add(path);
      }
    }
    return found;
  }
}
