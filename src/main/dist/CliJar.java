import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Merges the CLI's jars into one, for the release archive (src/main/dist/build-archives.sh runs it with the
 * JDK's source launcher: {@code java src/main/dist/CliJar.java RELEASE OUT IN...}, the inputs in class-path
 * order, RELEASE the Java release of the runtime the archive carries).
 *
 * <p>Why: every command pays for each jar of its class path. The JVM gives each its code source and protection
 * domain for the classes the AOT cache holds, and the first lookup of a class or resource that is not there
 * opens every jar and reads its central directory. Measured with farm-bench on the same machine, the CLI's 47
 * jars as one made {@code teal get} and {@code teal --version} about a tenth faster (docs/cli.md, "Start-up
 * time").
 *
 * <p>What the merged jar holds is what the class path gave: for a name in several jars, the first jar's
 * entry, as the class loader would have found it. Except where the SDK and the JDK read every copy of a
 * name ({@code getResources}): {@code META-INF/services/*} and the SDK's {@code *.interceptors} lists are
 * concatenated. Each jar's licence and notice files are kept under {@code META-INF/licenses/JAR/}, and its
 * Maven metadata stays where it was (its path names the artifact), so the licences and the versions inside
 * can still be read. A multi-release jar's classes are taken as the runtime would pick them: for each name,
 * its entry under the highest {@code META-INF/versions/N} up to RELEASE, else its base entry. The merged jar
 * is not multi-release itself, which spares every lookup in it the versioned probes. (A jar that is not
 * multi-release keeps its base entries: the class path ignored its versioned ones.) Module descriptors and
 * signatures are left out: on the class path neither applies.
 */
public final class CliJar {

  private CliJar() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: java CliJar.java RELEASE OUT IN...");
    }
    int runtimeRelease = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    Map<String, Long> times = new LinkedHashMap<>();
    int shadowed = 0;
    int versioned = 0;
    for (String in : Arrays.asList(args).subList(2, args.length)) {
      Path jar = Path.of(in);
      String jarName = jar.getFileName().toString().replaceFirst("\\.jar$", "");
      try (JarFile file = new JarFile(jar.toFile())) {
        Manifest manifest = file.getManifest();
        boolean multiRelease = manifest != null
            && "true".equalsIgnoreCase(manifest.getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
        // For each name this jar has under META-INF/versions, the release whose entry the runtime would take.
        Map<String, Integer> chosen = new LinkedHashMap<>();
        if (multiRelease) {
          for (JarEntry entry : file.stream().toList()) {
            Versioned v = Versioned.of(entry.getName());
            if (v != null && !entry.isDirectory() && v.release() <= runtimeRelease) {
              chosen.merge(v.name(), v.release(), Math::max);
            }
          }
        }
        for (JarEntry entry : file.stream().toList()) {
          String name = entry.getName();
          Versioned v = Versioned.of(name);
          if (v != null) {
            if (!multiRelease || entry.isDirectory() || !Integer.valueOf(v.release()).equals(chosen.get(v.name()))) {
              continue;
            }
            name = v.name(); // the versioned entry the runtime would take, in place of the base one
            versioned++;
          } else if (chosen.containsKey(name)) {
            continue; // a versioned entry replaces it
          }
          if (entry.isDirectory() || leftOut(name)) {
            continue;
          }
          byte[] bytes = file.getInputStream(entry).readAllBytes();
          if (licence(name)) {
            name = "META-INF/licenses/" + jarName + "/" + name.substring(name.lastIndexOf('/') + 1);
          }
          if (list(name) && entries.containsKey(name)) {
            entries.put(name, concat(entries.get(name), bytes));
          } else if (!entries.containsKey(name)) {
            entries.put(name, bytes);
            times.put(name, entry.getTime());
          } else if (!Arrays.equals(entries.get(name), bytes)) {
            shadowed++; // the class path, too, gave the first jar's
          }
        }
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    java.util.Set<String> directories = new LinkedHashSet<>();
    try (OutputStream stream = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(stream, manifest)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        String name = entry.getKey();
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
          String directory = name.substring(0, slash + 1);
          if (directories.add(directory)) {
            jar.putNextEntry(new JarEntry(directory));
            jar.closeEntry();
          }
        }
        JarEntry written = new JarEntry(name);
        written.setTime(times.getOrDefault(name, 0L));
        jar.putNextEntry(written);
        jar.write(entry.getValue());
        jar.closeEntry();
      }
    }
    System.out.printf("CliJar: %s from %d jars, %d entries (%d taken from META-INF/versions for Java %d, %d shadowed"
        + " by an earlier jar as on the class path)%n", out, args.length - 2, entries.size(), versioned, runtimeRelease,
        shadowed);
  }

  /** An entry under {@code META-INF/versions/RELEASE/}: the name it stands for, and the release. */
  record Versioned(String name, int release) {
    static Versioned of(String entry) {
      String prefix = "META-INF/versions/";
      int slash = entry.indexOf('/', prefix.length());
      if (!entry.startsWith(prefix) || slash < 0) {
        return null;
      }
      try {
        return new Versioned(entry.substring(slash + 1), Integer.parseInt(entry.substring(prefix.length(), slash)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** Not carried over: the manifest (one is written), module descriptors, signatures, the old jar index. */
  static boolean leftOut(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    return name.equals("META-INF/MANIFEST.MF") || name.endsWith("module-info.class") || upper.equals("META-INF/INDEX.LIST")
        || upper.startsWith("META-INF/") && !upper.substring(9).contains("/")
            && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC"));
  }

  /** A licence or notice file at the jar's root or in its META-INF. */
  static boolean licence(String name) {
    String file = name.substring(name.lastIndexOf('/') + 1).toUpperCase(java.util.Locale.ROOT);
    String folder = name.substring(0, name.lastIndexOf('/') + 1);
    return (folder.isEmpty() || folder.equals("META-INF/"))
        && (file.startsWith("LICENSE") || file.startsWith("LICENCE") || file.startsWith("NOTICE"));
  }

  /** The resources read in every copy: service registrations and the SDK's interceptor lists. */
  static boolean list(String name) {
    return name.startsWith("META-INF/services/") && name.length() > "META-INF/services/".length()
        || name.endsWith(".interceptors");
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(first);
    if (first.length > 0 && first[first.length - 1] != '\n') {
      both.write('\n');
    }
    both.writeBytes(second);
    return both.toByteArray();
  }
}
