package dev.teal.sandbox.http;

import java.util.Random;
import java.util.UUID;

/** Every id the simulator invents comes from here, so a run with the same seed replays. */
public final class IdGenerator {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final Random random;
  private int nextIp;

  public IdGenerator(long seed) {
    this.random = new Random(seed);
  }

  public synchronized String hex(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = HEX[random.nextInt(16)];
    }
    return new String(out);
  }

  public synchronized String digits(int length) {
    char[] out = new char[length];
    out[0] = (char) ('1' + random.nextInt(9));
    for (int i = 1; i < length; i++) {
      out[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(out);
  }

  public synchronized String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** Private addresses handed to tasks, in order, so the same scenario yields the same IPs. */
  public synchronized String nextPrivateIp() {
    int n = nextIp++;
    return "10.0." + (n / 250) % 256 + "." + (n % 250 + 4);
  }
}
