package dev.teal.deploy;

import dev.teal.aws.AwsCallListener;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Records what a process asks of AWS: every operation through {@link AwsCallListener} (as the daemon's
 * metrics see them), and the DynamoDB requests themselves, whose transactions say which item actions
 * they need.
 */
final class CallRecording implements AwsCallListener {

  private final List<String> operations = Collections.synchronizedList(new ArrayList<>());
  private final List<SdkRequest> dynamoDbRequests = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void onCall(String operation, String outcome, Duration latency) {
    operations.add(operation);
  }

  List<String> operations() {
    synchronized (operations) {
      return List.copyOf(operations);
    }
  }

  /** The IAM actions the recorded calls need: each operation's own, plus what its request implies. */
  Set<String> neededActions() {
    Set<String> actions = new TreeSet<>();
    operations().forEach(op -> actions.addAll(IamActions.of(op)));
    synchronized (dynamoDbRequests) {
      dynamoDbRequests.forEach(r -> actions.addAll(IamActions.impliedBy(r)));
    }
    return actions;
  }

  /** {@code client}, with every request it is given kept for {@link #neededActions()}. */
  DynamoDbClient recordRequests(DynamoDbClient client) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (args != null && args.length == 1 && args[0] instanceof SdkRequest request) {
        dynamoDbRequests.add(request);
      }
      try {
        return method.invoke(client, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, handler);
  }
}
