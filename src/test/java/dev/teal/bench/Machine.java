package dev.teal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run happened on, as docs/benchmarks.md reports it. Linux only (it reads /proc). */
record Machine(int cpus, long memoryMb, String jdk, String kernel, String loadAverage) {

  static Machine now() {
    return new Machine(Runtime.getRuntime().availableProcessors(), totalMemoryMb(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        read("/proc/sys/kernel/osrelease"), currentLoadAverage());
  }

  /** The 1, 5 and 15 minute load averages: the machine is shared, so a run says how busy it was. */
  static String currentLoadAverage() {
    String[] fields = read("/proc/loadavg").split("\\s+");
    return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
  }

  String describe() {
    return cpus + " CPUs, " + memoryMb + " MB RAM, " + jdk + ", Linux " + kernel + ", load average " + loadAverage;
  }

  private static long totalMemoryMb() {
    for (String line : read("/proc/meminfo").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
