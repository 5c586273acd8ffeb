package dev.teal.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps an SDK client so that every Describe or List call teal asks it for is counted by where in teal
 * it comes from: the first caller outside the AWS gateways, and the gateway method (with line numbers).
 * Pure observation: the real client makes the call. This is how the per-cycle describe count is broken
 * down in the report.
 */
final class DescribeOrigins {

  private static final StackWalker STACK = StackWalker.getInstance();

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  <T> T wrap(Class<T> type, T client, String service) {
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      if (isRead(method)) {
        counts.computeIfAbsent(service + ":" + operation(method) + " " + origin(), k -> new LongAdder()).increment();
      }
      try {
        return method.invoke(client, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
    return type.cast(proxy);
  }

  /** Counts by "service:Operation caller via gateway-method", sorted. */
  Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  void reset() {
    counts.clear();
  }

  private static boolean isRead(Method method) {
    String name = method.getName();
    return method.getDeclaringClass() != Object.class && (name.startsWith("describe") || name.startsWith("list"));
  }

  /** {@code describeRulesPaginator} is one DescribeRules call per page (one page for twenty rules). */
  private static String operation(Method method) {
    String name = method.getName().replace("Paginator", "");
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String origin() {
    return STACK.walk(frames -> {
      var teal = frames.filter(f -> f.getClassName().startsWith("dev.teal.")
          && !f.getClassName().startsWith("dev.teal.bench.")).toList();
      Optional<StackWalker.StackFrame> gateway = teal.stream()
          .filter(f -> f.getClassName().startsWith("dev.teal.aws.sdk.Sdk") && !f.getMethodName().startsWith("lambda$"))
          .findFirst();
      Optional<StackWalker.StackFrame> caller = teal.stream()
          .filter(f -> !f.getClassName().startsWith("dev.teal.aws.")).findFirst();
      return caller.map(DescribeOrigins::render).orElse("?")
          + gateway.map(f -> " via " + render(f)).orElse("");
    });
  }

  private static String render(StackWalker.StackFrame frame) {
    String cls = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
    return cls + "." + frame.getMethodName() + ":" + frame.getLineNumber();
  }
}
