package dev.teal.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.net.URI;

/**
 * A service on the REST-JSON protocol (Lambda): the operation is named by the method and path, its
 * parameters come from path labels, query string, headers and body. The handler turns a request into the
 * same kind of tree the other protocols yield, so faults, the call log and observers work alike.
 */
public interface RestProtocolHandler extends ProtocolHandler {

  /** The operation a request names and its parameters as a tree. */
  record Route(String operation, JsonNode params) {
  }

  /** The route for this request, or null when the path is not this service's. */
  Route route(String method, URI uri, Headers headers, byte[] body);
}
