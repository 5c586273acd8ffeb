package dev.teal.store;

import dev.teal.document.DocumentCodec;
import dev.teal.document.Fixtures;
import dev.teal.model.BlueGreenDeployment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Shared pieces of the store tests. */
final class StoreFixtures {

  static final ChangeContext ALICE = new ChangeContext("arn:aws:iam::000000000000:user/alice", "teal apply -f web.yaml");
  static final ChangeContext CI = new ChangeContext("arn:aws:sts::000000000000:assumed-role/ci/build-7",
      "teal set-image web nginx:1.28");

  static BlueGreenDeployment document(String name) {
    return DocumentCodec.read(Fixtures.bytes(Fixtures.minimal(name, "nginx:1.27")));
  }

  /**
   * A client that runs {@code hook} once, right before the next TransactWriteItems reaches DynamoDB:
   * a way to let another writer in between a read and a conditional write, deterministically.
   */
  static DynamoDbClient interceptingTransactions(DynamoDbClient real, AtomicReference<Runnable> hook) {
    return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
          if (method.getName().equals("transactWriteItems")) {
            Runnable once = hook.getAndSet(null);
            if (once != null) {
              once.run();
            }
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private StoreFixtures() {}
}
