package dev.teal.operator.queue;

/** What a worker does with one name; at most one call per name runs at a time. */
@FunctionalInterface
public interface WorkHandler {

  /**
   * @return when to look at the name again
   * @throws Exception when the work failed; the queue retries after a backoff
   */
  Requeue process(String name) throws Exception;
}
