package dev.teal.aws.sdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits a request's identifiers into chunks no larger than an API accepts in one call. */
final class Batches {

  private Batches() {}

  static <T> List<List<T>> of(Collection<T> items, int size) {
    List<T> all = List.copyOf(items);
    List<List<T>> batches = new ArrayList<>();
    for (int start = 0; start < all.size(); start += size) {
      batches.add(all.subList(start, Math.min(all.size(), start + size)));
    }
    return batches;
  }
}
