package dev.teal.testing;

import dev.teal.sandbox.dynamodb.DynamoDbLocal;

/**
 * One DynamoDB Local per test JVM: it takes about two seconds to start, so every test class shares
 * it and isolates itself with fresh table names instead. Stopped when the JVM's test run ends.
 */
public final class SharedDynamoDbLocal {

    private static DynamoDbLocal instance;

    private SharedDynamoDbLocal() {
    }

    public static synchronized DynamoDbLocal get() {
        if (instance == null) {
            DynamoDbLocal started = DynamoDbLocal.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(SharedDynamoDbLocal::stop, "dynamodb-local-stop"));
            instance = started;
        }
        return instance;
    }

    static synchronized void stop() {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }
}
