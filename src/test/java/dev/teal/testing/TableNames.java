package dev.teal.testing;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh DynamoDB table names per test class, since DynamoDB Local is shared across the JVM. */
final class TableNames {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TableNames() {
    }

    static String fresh(String hint) {
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        if (base.length() > 60) {
            base = base.substring(0, 60);
        }
        return "teal-" + base + "-" + COUNTER.incrementAndGet();
    }
}
