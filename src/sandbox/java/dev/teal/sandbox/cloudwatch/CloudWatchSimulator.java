package dev.teal.sandbox.cloudwatch;

import static dev.teal.sandbox.cloudwatch.CloudWatchErrors.combination;
import static dev.teal.sandbox.cloudwatch.CloudWatchErrors.invalidValue;
import static dev.teal.sandbox.cloudwatch.CloudWatchErrors.missing;
import static dev.teal.sandbox.cloudwatch.CloudWatchErrors.notFound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.http.Json;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * CloudWatch metrics and metric alarms. Callers hold the world lock and have brought the scheduler up to date.
 *
 * <p>What is modelled, and where it comes from (CloudWatch API reference unless said otherwise):
 * <ul>
 *   <li>PutMetricAlarm creates an alarm in INSUFFICIENT_DATA; an update "completely overwrites the previous
 *       configuration" and leaves the state unchanged;</li>
 *   <li>alarms are evaluated on the simulator's clock every {@code evaluationInterval} (a minute, as the
 *       User Guide's "Evaluating an alarm" has it): the last EvaluationPeriods complete periods, ALARM when
 *       at least DatapointsToAlarm of them breach, with TreatMissingData {@code missing} (the default),
 *       {@code notBreaching}, {@code breaching} or {@code ignore}. Where AWS looks further back for missing
 *       datapoints, the sandbox does not: the stricter reading;</li>
 *   <li>SetAlarmState changes the state "temporarily"; "metric alarms return to their actual state quickly,
 *       often within seconds": here at a re-evaluation {@code setStateRecheck} later;</li>
 *   <li>PutMetricData refuses namespaces starting with {@code AWS/} ("reserved for use by Amazon Web Services
 *       products"); AWS namespaces are written by the simulated services themselves ({@link #publish});</li>
 *   <li>GetMetricData answers MetricStat queries and the metric math in {@link MetricMath}.</li>
 * </ul>
 */
public final class CloudWatchSimulator {

  private static final Pattern QUERY_ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
  private static final DateTimeFormatter REASON_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);
  static final int MAX_QUERIES = 500;

  private final Scheduler scheduler;
  private final String arnPrefix;
  private final Duration evaluationInterval;
  private final Duration setStateRecheck;
  private final MetricStore metrics = new MetricStore();
  private final Map<String, MetricAlarm> alarms = new TreeMap<>();
  private boolean ticking;

  public CloudWatchSimulator(Scheduler scheduler, String region, String accountId, Duration evaluationInterval,
      Duration setStateRecheck) {
    this.scheduler = scheduler;
    this.arnPrefix = "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:";
    this.evaluationInterval = evaluationInterval;
    this.setStateRecheck = setStateRecheck;
  }

  private Instant now() {
    return scheduler.now();
  }

  // ---------------------------------------------------------------- metrics

  /** A datapoint from a simulated AWS service (e.g. the ALB data plane), at the world's current instant. */
  public void publish(String namespace, String name, Map<String, String> dimensions, double value) {
    metrics.put(MetricKey.of(namespace, name, dimensions), Sample.of(now(), value));
  }

  void putMetricData(Params p) {
    String namespace = p.str("Namespace").filter(s -> !s.isEmpty())
        .orElseThrow(() -> missing("The parameter Namespace is required."));
    if (namespace.startsWith("AWS/")) {
      throw invalidValue("The value AWS/ for parameter Namespace is invalid: namespaces beginning with AWS/ are"
          + " reserved for use by Amazon Web Services products.");
    }
    List<Params> data = p.list("MetricData");
    if (data.isEmpty()) {
      throw missing("The parameter MetricData is required.");
    }
    if (data.size() > 1000) {
      throw invalidValue("The collection MetricData must not have a size greater than 1000.");
    }
    for (Params d : data) {
      String name = d.str("MetricName").filter(s -> !s.isEmpty())
          .orElseThrow(() -> missing("The parameter MetricData.member.N.MetricName is required."));
      Instant at = d.str("Timestamp").map(Instant::parse).orElse(now());
      MetricKey key = MetricKey.of(namespace, name, dimensions(d.list("Dimensions")));
      boolean single = d.has("Value");
      boolean many = !d.strings("Values").isEmpty();
      boolean set = d.has("StatisticValues");
      if ((single ? 1 : 0) + (many ? 1 : 0) + (set ? 1 : 0) > 1) {
        throw combination("The parameters MetricData.member.N.Value, Values and StatisticValues are mutually"
            + " exclusive.");
      }
      if (set) {
        Params s = d.obj("StatisticValues");
        metrics.put(key, new Sample(at, s.number("Sum").orElseThrow(() -> missing("StatisticValues.Sum")),
            s.number("SampleCount").orElseThrow(() -> missing("StatisticValues.SampleCount")),
            s.number("Minimum").orElseThrow(() -> missing("StatisticValues.Minimum")),
            s.number("Maximum").orElseThrow(() -> missing("StatisticValues.Maximum")), null));
      } else if (many) {
        List<String> values = d.strings("Values");
        List<String> counts = d.strings("Counts");
        for (int i = 0; i < values.size(); i++) {
          double count = i < counts.size() ? Double.parseDouble(counts.get(i)) : 1;
          metrics.put(key, Sample.repeated(at, Double.parseDouble(values.get(i)), count));
        }
      } else if (single) {
        metrics.put(key, Sample.of(at, d.number("Value").orElseThrow()));
      } else {
        throw missing("One of MetricData.member.N.Value, Values or StatisticValues is required.");
      }
    }
  }

  private static Map<String, String> dimensions(List<Params> list) {
    if (list.size() > 30) {
      throw invalidValue("A metric can have at most 30 dimensions.");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Params d : list) {
      out.put(d.str("Name").orElseThrow(() -> missing("Dimension Name is required.")),
          d.str("Value").orElseThrow(() -> missing("Dimension Value is required.")));
    }
    return out;
  }

  /** One GetMetricData result. {@code values} newest first unless the request scanned ascending. */
  record Result(String id, String label, List<Instant> timestamps, List<Double> values, String statusCode,
      String message) {
  }

  List<Result> getMetricData(Params p) {
    Instant start = p.str("StartTime").map(Instant::parse).orElseThrow(() -> missing("The parameter StartTime is"
        + " required."));
    Instant end = p.str("EndTime").map(Instant::parse).orElseThrow(() -> missing("The parameter EndTime is"
        + " required."));
    if (!start.isBefore(end)) {
      throw invalidValue("The parameter StartTime must be less than the parameter EndTime.");
    }
    List<Params> queries = p.list("MetricDataQueries");
    if (queries.isEmpty() || queries.size() > MAX_QUERIES) {
      throw invalidValue("MetricDataQueries must hold 1 to " + MAX_QUERIES + " queries.");
    }
    boolean ascending = "TimestampAscending".equals(p.str("ScanBy").orElse("TimestampDescending"));
    Map<String, TreeMap<Instant, Double>> computed = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, Boolean> returned = new LinkedHashMap<>();
    for (Params q : queries) {
      String id = q.str("Id").orElseThrow(() -> missing("The parameter MetricDataQueries.member.N.Id is required."));
      if (!QUERY_ID.matcher(id).matches()) {
        throw invalidValue("The value " + id + " for parameter MetricDataQueries.member.N.Id is invalid: it must"
            + " start with a lowercase letter and hold only letters, digits and underscores.");
      }
      if (order.contains(id)) {
        throw invalidValue("The value " + id + " for parameter MetricDataQueries.member.N.Id is not unique.");
      }
      boolean stat = q.has("MetricStat");
      boolean expression = q.has("Expression");
      if (stat == expression) {
        throw combination("Exactly one of MetricStat and Expression must be given for query " + id + ".");
      }
      order.add(id);
      returned.put(id, q.bool("ReturnData", true));
      if (stat) {
        Params ms = q.obj("MetricStat");
        Params metric = ms.obj("Metric");
        String name = metric.str("MetricName").orElseThrow(() -> missing("MetricStat.Metric.MetricName is required"
            + " for query " + id + "."));
        String namespace = metric.str("Namespace").orElseThrow(() -> missing("MetricStat.Metric.Namespace is"
            + " required for query " + id + "."));
        int period = ms.integer("Period").orElseThrow(() -> missing("MetricStat.Period is required for query " + id
            + "."));
        requirePeriod(period, "MetricStat.Period");
        String statistic = ms.str("Stat").orElseThrow(() -> missing("MetricStat.Stat is required for query " + id
            + "."));
        if (!Statistic.valid(statistic)) {
          throw invalidValue("The value " + statistic + " for parameter MetricStat.Stat is invalid.");
        }
        labels.put(id, q.str("Label").orElse(name));
        computed.put(id, metrics.series(MetricKey.of(namespace, name, dimensions(metric.list("Dimensions"))),
            statistic, period, start, end));
      } else {
        labels.put(id, q.str("Label").orElse(id));
        try {
          computed.put(id, MetricMath.evaluate(q.str("Expression").orElse(""), computed));
        } catch (MetricMath.MathError e) {
          computed.put(id, new TreeMap<>());
          errors.put(id, e.getMessage());
        }
      }
    }
    List<Result> out = new ArrayList<>();
    for (String id : order) {
      if (!returned.get(id)) {
        continue;
      }
      TreeMap<Instant, Double> s = computed.get(id);
      List<Instant> ts = new ArrayList<>(ascending ? s.keySet() : s.descendingKeySet());
      List<Double> vs = ts.stream().map(s::get).toList();
      String error = errors.get(id);
      out.add(new Result(id, labels.get(id), ts, vs, error == null ? "Complete" : "InternalError", error));
    }
    return out;
  }

  /** "Valid values are 10, 30, and any multiple of 60" (PutMetricAlarm); GetMetricData also allows 1 and 5. */
  private static void requirePeriod(int period, String field) {
    boolean ok = period == 1 || period == 5 || period == 10 || period == 30 || (period >= 60 && period % 60 == 0);
    if (!ok) {
      throw invalidValue("The value " + period + " for parameter " + field + " is invalid: use 1, 5, 10, 30 or a"
          + " multiple of 60.");
    }
  }

  // ---------------------------------------------------------------- alarms

  void putMetricAlarm(Params p) {
    String name = p.str("AlarmName").filter(s -> !s.isEmpty())
        .orElseThrow(() -> missing("The parameter AlarmName is required."));
    if (name.length() > 255) {
      throw invalidValue("The parameter AlarmName must be at most 255 characters.");
    }
    int evaluationPeriods = p.integer("EvaluationPeriods")
        .orElseThrow(() -> missing("The parameter EvaluationPeriods is required."));
    if (evaluationPeriods < 1) {
      throw invalidValue("The parameter EvaluationPeriods must be at least 1.");
    }
    int datapointsToAlarm = p.integer("DatapointsToAlarm").orElse(evaluationPeriods);
    if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
      throw invalidValue("DatapointsToAlarm must be between 1 and EvaluationPeriods.");
    }
    String comparison = p.str("ComparisonOperator")
        .orElseThrow(() -> missing("The parameter ComparisonOperator is required."));
    if (!List.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
        "LessThanOrEqualToThreshold").contains(comparison)) {
      throw invalidValue("The sandbox does not model the comparison operator " + comparison
          + " (anomaly detection bands).");
    }
    double threshold = p.number("Threshold").orElseThrow(() -> missing("The parameter Threshold is required."));
    String treatMissing = p.str("TreatMissingData").orElse("missing");
    if (!List.of("missing", "notBreaching", "breaching", "ignore").contains(treatMissing)) {
      throw invalidValue("The value " + treatMissing + " for parameter TreatMissingData is invalid.");
    }
    MetricKey metric = null;
    String statistic = null;
    int period = 0;
    boolean math = !p.list("Metrics").isEmpty();
    if (math) {
      if (p.has("MetricName") || p.has("Namespace") || p.has("Statistic")) {
        throw combination("Metrics cannot be combined with MetricName, Namespace or Statistic.");
      }
    } else {
      String metricName = p.str("MetricName").orElseThrow(() -> missing("The parameter MetricName is required."));
      String namespace = p.str("Namespace").orElseThrow(() -> missing("The parameter Namespace is required."));
      boolean simple = p.has("Statistic");
      boolean extended = p.has("ExtendedStatistic");
      if (simple == extended) {
        throw combination("Exactly one of Statistic and ExtendedStatistic must be given.");
      }
      statistic = simple ? p.str("Statistic").orElseThrow() : p.str("ExtendedStatistic").orElseThrow();
      if (simple ? !Statistic.SIMPLE.contains(statistic) : !Statistic.valid(statistic)) {
        throw invalidValue("The value " + statistic + " for the statistic is invalid.");
      }
      period = p.integer("Period").orElseThrow(() -> missing("The parameter Period is required."));
      if (period != 10 && period != 30 && (period < 60 || period % 60 != 0)) {
        throw invalidValue("The parameter Period must be 10, 30 or a multiple of 60.");
      }
      if ((long) period * evaluationPeriods > 86_400 && period >= 60) {
        throw invalidValue("The product of EvaluationPeriods and Period must not exceed 86400 (one day).");
      }
      metric = MetricKey.of(namespace, metricName, dimensions(p.list("Dimensions")));
    }
    MetricAlarm alarm = alarms.get(name);
    if (alarm == null) {
      alarm = new MetricAlarm(name, arnPrefix + name);
      alarm.stateUpdatedAt = now();
      alarm.stateTransitionedAt = now();
      alarms.put(name, alarm);
    }
    ObjectNode config = p.asObjectOrEmpty();
    config.remove("Tags");
    alarm.config = config;
    alarm.metric = metric;
    alarm.statistic = statistic;
    alarm.period = period;
    alarm.evaluationPeriods = evaluationPeriods;
    alarm.datapointsToAlarm = datapointsToAlarm;
    alarm.threshold = threshold;
    alarm.comparison = comparison;
    alarm.treatMissingData = treatMissing;
    alarm.alarmActions = p.strings("AlarmActions");
    alarm.okActions = p.strings("OKActions");
    alarm.insufficientDataActions = p.strings("InsufficientDataActions");
    alarm.configurationUpdatedAt = now();
    startTicking();
  }

  record AlarmPage(List<MetricAlarm> alarms, String nextToken) {
  }

  AlarmPage describeAlarms(Params p) {
    List<String> names = p.strings("AlarmNames");
    Optional<String> prefix = p.str("AlarmNamePrefix").filter(s -> !s.isEmpty());
    if (!names.isEmpty() && prefix.isPresent()) {
      throw combination("AlarmNames and AlarmNamePrefix cannot be used together.");
    }
    if (names.size() > 100) {
      throw invalidValue("The collection AlarmNames must not have a size greater than 100.");
    }
    Optional<String> state = p.str("StateValue").filter(s -> !s.isEmpty());
    List<String> types = p.strings("AlarmTypes");
    if (!types.isEmpty() && !types.contains("MetricAlarm")) {
      return new AlarmPage(List.of(), null); // composite alarms are not modelled
    }
    int max = p.integer("MaxRecords").orElse(50);
    if (max < 1 || max > 100) {
      throw invalidValue("MaxRecords must be between 1 and 100.");
    }
    List<MetricAlarm> matching = alarms.values().stream()
        .filter(a -> names.isEmpty() || names.contains(a.name))
        .filter(a -> prefix.isEmpty() || a.name.startsWith(prefix.get()))
        .filter(a -> state.isEmpty() || state.get().equals(a.stateValue))
        .toList();
    int from = p.str("NextToken").filter(s -> !s.isEmpty()).map(Integer::parseInt).orElse(0);
    int to = Math.min(matching.size(), from + max);
    return new AlarmPage(matching.subList(Math.min(from, to), to), to < matching.size() ? Integer.toString(to) : null);
  }

  void setAlarmState(Params p) {
    String name = p.reqStr("AlarmName");
    String value = p.reqStr("StateValue");
    if (!List.of("OK", "ALARM", "INSUFFICIENT_DATA").contains(value)) {
      throw invalidValue("The value " + value + " for parameter StateValue is invalid.");
    }
    String reason = p.str("StateReason").orElseThrow(() -> missing("The parameter StateReason is required."));
    Optional<String> data = p.str("StateReasonData").filter(s -> !s.isEmpty());
    if (data.isPresent()) {
      try {
        Json.MAPPER.readTree(data.get());
      } catch (java.io.IOException e) {
        // SetAlarmState's documented error for data that is not JSON.
        throw dev.teal.sandbox.http.AwsError.client("InvalidFormat", "StateReasonData is not valid JSON.");
      }
    }
    MetricAlarm alarm = alarms.get(name);
    if (alarm == null) {
      throw notFound("Alarm " + name + " not found");
    }
    transition(alarm, value, reason, data.orElse(null));
    if (alarm.metric != null) {
      scheduler.at(now().plus(setStateRecheck), at -> evaluate(alarm));
    }
  }

  /**
   * DeleteAlarms: "In the event of an error, no alarms are deleted" (API reference); an unknown name is
   * ResourceNotFound.
   */
  void deleteAlarms(Params p) {
    List<String> names = p.strings("AlarmNames");
    if (names.size() > 100) {
      throw invalidValue("The collection AlarmNames must not have a size greater than 100.");
    }
    for (String name : names) {
      if (!alarms.containsKey(name)) {
        throw notFound("Alarm " + name + " not found");
      }
    }
    names.forEach(alarms::remove);
  }

  /** Every alarm, for tests and the launcher's banner. */
  public List<String> alarmStates() {
    return alarms.values().stream().map(a -> a.name + "=" + a.stateValue).toList();
  }

  private void startTicking() {
    if (ticking) {
      return;
    }
    ticking = true;
    long step = evaluationInterval.toSeconds();
    Instant first = Instant.ofEpochSecond((now().getEpochSecond() / step + 1) * step);
    scheduler.at(first, this::tick);
  }

  private void tick(Instant at) {
    alarms.values().forEach(this::evaluate);
    scheduler.at(at.plus(evaluationInterval), this::tick);
  }

  private void evaluate(MetricAlarm alarm) {
    if (alarm.metric == null) {
      return; // metric math alarms: not evaluated by the sandbox (docs/sandbox.md)
    }
    Instant end = MetricStore.align(now(), alarm.period);
    List<Optional<Double>> points = new ArrayList<>();
    for (int k = alarm.evaluationPeriods; k >= 1; k--) {
      points.add(metrics.datapoint(alarm.metric, alarm.statistic, alarm.period,
          end.minusSeconds((long) k * alarm.period)));
    }
    long present = points.stream().filter(Optional::isPresent).count();
    long breaching = points.stream().filter(v -> v.isPresent() ? alarm.breaches(v.get())
        : "breaching".equals(alarm.treatMissingData)).count();
    String next;
    if (present == 0 && "missing".equals(alarm.treatMissingData)) {
      next = "INSUFFICIENT_DATA";
    } else if (present == 0 && "ignore".equals(alarm.treatMissingData)) {
      return;
    } else {
      next = breaching >= alarm.datapointsToAlarm ? "ALARM" : "OK";
    }
    if (next.equals(alarm.stateValue)) {
      return;
    }
    String recent = points.stream().filter(Optional::isPresent).map(v -> Double.toString(v.get()))
        .reduce((a, b) -> a + ", " + b).orElse("");
    String reason = "INSUFFICIENT_DATA".equals(next)
        ? "Insufficient Data: " + alarm.evaluationPeriods + " datapoint" + (alarm.evaluationPeriods == 1 ? " was" : "s"
            + " were") + " unknown."
        : "Threshold Crossed: " + breaching + " out of the last " + alarm.evaluationPeriods + " datapoints [" + recent
            + "] " + ("ALARM".equals(next) ? "was " : "was not ") + alarm.comparisonWords() + " the threshold ("
            + alarm.threshold + ") (minimum " + alarm.datapointsToAlarm + " datapoint"
            + (alarm.datapointsToAlarm == 1 ? "" : "s") + " for " + alarm.stateValue + " -> " + next
            + " transition), evaluated at " + REASON_TIME.format(now()) + ".";
    ObjectNode data = Json.object();
    data.put("version", "1.0");
    data.put("queryDate", now().toString());
    data.put("statistic", alarm.statistic);
    data.put("period", alarm.period);
    data.put("threshold", alarm.threshold);
    ArrayNode datapoints = data.putArray("recentDatapoints");
    points.stream().filter(Optional::isPresent).forEach(v -> datapoints.add(v.get()));
    transition(alarm, next, reason, data.toString());
  }

  private void transition(MetricAlarm alarm, String value, String reason, String reasonData) {
    if (!value.equals(alarm.stateValue)) {
      alarm.stateTransitionedAt = now();
    }
    alarm.stateValue = value;
    alarm.stateReason = reason;
    alarm.stateReasonData = reasonData;
    alarm.stateUpdatedAt = now();
  }
}
