package dev.teal.sandbox.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.IdGenerator;
import dev.teal.sandbox.http.Json;
import dev.teal.sandbox.http.Params;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Event buses and the events put on them. What it models, from the EventBridge API Reference and User
 * Guide:
 *
 * <ul>
 *   <li>every account has the bus {@code default}; CreateEventBus adds others (name {@code [/.\-_A-Za-z0-9]+},
 *       1 to 256 characters, not {@code default}, not taken: ResourceAlreadyExistsException);</li>
 *   <li>PutEvents takes 1 to 10 entries (ValidationException otherwise) whose total size is under 256 KB
 *       (the classic limit; the stricter of the two the reference has given);</li>
 *   <li>each entry succeeds or fails on its own, in request order, and the response has one result per
 *       entry: a missing {@code Source}, {@code DetailType} or {@code Detail} is {@code InvalidArgument}, a
 *       detail that is not a JSON object {@code MalformedDetail}, a source starting with {@code aws.} (reserved
 *       for AWS services) {@code NotAuthorizedForSourceException};</li>
 *   <li>{@code EventBusName} is a name or an ARN, {@code default} when absent; an entry for a bus that does
 *       not exist still gets an event id and counts as no failure, and the event is dropped: the behaviour
 *       reported in aws/aws-sdk#186 and aws/aws-cli#9186, which is why the events list marks such events
 *       {@code delivered: false};</li>
 *   <li>{@code Time} defaults to the time of the call; the event's {@code time} is written to the second.</li>
 * </ul>
 */
public final class EventBusSimulator {

  public static final String DEFAULT_BUS = "default";
  static final int MAX_ENTRIES = 10;
  static final int MAX_TOTAL_BYTES = 256 * 1024;
  private static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
  private static final Pattern BUS_ARN = Pattern.compile("arn:aws[\\w-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/(.+)");

  private final String region;
  private final String accountId;
  private final Clock clock;
  private final IdGenerator ids;
  private final Map<String, String> buses = new LinkedHashMap<>();
  private final List<ReceivedEvent> received = new ArrayList<>();

  public EventBusSimulator(String region, String accountId, Clock clock, long seed) {
    this.region = region;
    this.accountId = accountId;
    this.clock = clock;
    this.ids = new IdGenerator(seed ^ 0xe7e27L);
    buses.put(DEFAULT_BUS, arn(DEFAULT_BUS));
  }

  public synchronized String createEventBus(Params p) {
    String name = p.reqStr("Name");
    if (!BUS_NAME.matcher(name).matches()) {
      throw AwsError.client("ValidationException", "1 validation error detected: Value '" + name
          + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+");
    }
    if (buses.containsKey(name)) {
      throw AwsError.client("ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
    }
    buses.put(name, arn(name));
    return arn(name);
  }

  public synchronized Optional<String> busArn(String nameOrArn) {
    return Optional.ofNullable(buses.get(busName(nameOrArn)));
  }

  /** Puts the request's entries; the answer as the API returns it. */
  public synchronized ObjectNode putEvents(Params p) {
    List<Params> entries = p.list("Entries");
    if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      throw AwsError.client("ValidationException", "1 validation error detected: Value at 'entries' failed to"
          + " satisfy constraint: Member must have length " + (entries.isEmpty() ? "greater than or equal to 1"
          : "less than or equal to " + MAX_ENTRIES));
    }
    int total = 0;
    for (Params entry : entries) {
      total += size(entry);
    }
    if (total > MAX_TOTAL_BYTES) {
      throw AwsError.client("ValidationException", "Total size of the entries in the request is over the limit.");
    }
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("Entries");
    int failed = 0;
    Instant now = clock.instant();
    for (Params entry : entries) {
      ObjectNode result = results.addObject();
      String refusal = refusal(entry);
      if (refusal != null) {
        failed++;
        result.put("ErrorCode", refusal);
        result.put("ErrorMessage", message(refusal, entry));
        continue;
      }
      String id = ids.uuid();
      result.put("EventId", id);
      String bus = busName(entry.str("EventBusName").filter(s -> !s.isEmpty()).orElse(DEFAULT_BUS));
      received.add(new ReceivedEvent(bus, buses.containsKey(bus), now, envelope(id, entry, now)));
    }
    out.put("FailedEntryCount", failed);
    return out;
  }

  /** Everything put so far, oldest first, dropped events included (marked). */
  public synchronized List<ReceivedEvent> received() {
    return List.copyOf(received);
  }

  public synchronized void clear() {
    received.clear();
  }

  private String refusal(Params entry) {
    if (entry.str("Source").filter(s -> !s.isEmpty()).isEmpty()
        || entry.str("DetailType").filter(s -> !s.isEmpty()).isEmpty()
        || entry.str("Detail").filter(s -> !s.isEmpty()).isEmpty()) {
      return "InvalidArgument";
    }
    if (entry.str("Source").get().startsWith("aws.")) {
      return "NotAuthorizedForSourceException";
    }
    if (detail(entry).isEmpty()) {
      return "MalformedDetail";
    }
    return null;
  }

  private static String message(String code, Params entry) {
    return switch (code) {
      case "InvalidArgument" -> "Parameters Source, DetailType and Detail are required.";
      case "NotAuthorizedForSourceException" -> "Not authorized for the source " + entry.str("Source").orElse("")
          + ": sources starting with aws. are reserved for AWS services.";
      case "MalformedDetail" -> "Detail is malformed.";
      default -> code;
    };
  }

  private ObjectNode envelope(String id, Params entry, Instant now) {
    Instant time = entry.number("Time").map(seconds -> Instant.ofEpochMilli(Math.round(seconds * 1000))).orElse(now);
    ObjectNode envelope = Json.object();
    envelope.put("version", "0");
    envelope.put("id", id);
    envelope.put("detail-type", entry.str("DetailType").get());
    envelope.put("source", entry.str("Source").get());
    envelope.put("account", accountId);
    envelope.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
    envelope.put("region", region);
    ArrayNode resources = envelope.putArray("resources");
    entry.strings("Resources").forEach(resources::add);
    envelope.set("detail", detail(entry).orElseThrow());
    return envelope;
  }

  private static Optional<ObjectNode> detail(Params entry) {
    try {
      JsonNode parsed = Json.MAPPER.readTree(entry.str("Detail").orElse(""));
      return parsed != null && parsed.isObject() ? Optional.of((ObjectNode) parsed) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The entry's size as the User Guide counts it, near enough: its strings' UTF-8 bytes plus 14 for Time. */
  private static int size(Params entry) {
    int bytes = entry.has("Time") ? 14 : 0;
    for (String field : List.of("Source", "DetailType", "Detail")) {
      bytes += entry.str(field).orElse("").getBytes(StandardCharsets.UTF_8).length;
    }
    for (String resource : entry.strings("Resources")) {
      bytes += resource.getBytes(StandardCharsets.UTF_8).length;
    }
    return bytes;
  }

  private static String busName(String nameOrArn) {
    var arn = BUS_ARN.matcher(nameOrArn);
    return arn.matches() ? arn.group(1) : nameOrArn;
  }

  private String arn(String name) {
    return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + name;
  }
}
