package dev.teal.sandbox.dynamodb;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * AWS's DynamoDB Local, in memory, on loopback only. Its own runner binds every interface and has
 * no host option, so this assembles its request handler behind a Jetty connector bound to
 * 127.0.0.1. Telemetry is never configured, so nothing tries to reach the network. Streams work
 * as in the real service.
 */
public final class DynamoDbLocal implements AutoCloseable {

  private final Server server;
  private final LocalDynamoDBRequestHandler requestHandler;
  private final URI endpoint;

  private DynamoDbLocal(Server server, LocalDynamoDBRequestHandler requestHandler, URI endpoint) {
    this.server = server;
    this.requestHandler = requestHandler;
    this.endpoint = endpoint;
  }

  /** Starts on 127.0.0.1:{@code port}; 0 picks a free port. Takes about two seconds the first time in a JVM. */
  public static DynamoDbLocal start(int port) {
    try {
      LocalDynamoDBRequestHandler requestHandler = new LocalDynamoDBRequestHandler(0, true, null, false, false);
      LocalDynamoDBServerHandler serverHandler = new LocalDynamoDBServerHandler(requestHandler, null);
      // The proxy object is only used to build DynamoDB Local's handler tree; its own
      // all-interfaces server is never started.
      DynamoDBProxyServer proxy = new DynamoDBProxyServer(port, serverHandler);
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      connector.setPort(port);
      server.addConnector(connector);
      server.setHandler(proxy.setUpHandler(serverHandler));
      server.start();
      URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
      return new DynamoDbLocal(server, requestHandler, endpoint);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start DynamoDB Local on 127.0.0.1:" + port, e);
    }
  }

  /** For {@code AWS_ENDPOINT_URL_DYNAMODB} and {@code AWS_ENDPOINT_URL_DYNAMODB_STREAMS}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop DynamoDB Local", e);
    } finally {
      requestHandler.shutdown();
    }
  }
}
