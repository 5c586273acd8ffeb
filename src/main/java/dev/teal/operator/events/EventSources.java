package dev.teal.operator.events;

import dev.teal.operator.queue.Ticker;
import dev.teal.store.DeploymentStore;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The event sources together: the stream, the periodic resync, and polling while the stream cannot be
 * used (the table has none, or it failed {@code failuresBeforePolling} times in a row). They only
 * report names to the sink; whether anything is reconciled is the work queue's and the lease's business.
 */
public final class EventSources implements StreamSource.Listener {

  private static final Logger LOG = Logger.getLogger(EventSources.class);

  /** Where change events come from now. */
  public enum Mode {
    /** Not known yet: the stream has not been found or positioned. */
    STARTING("starting"),
    STREAM("stream"),
    POLLING("polling");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param tick how often (real time) the resync and polling look whether they are due by the clock
   */
  /**
   * A timed resync checks a fifth of the fleet in depth every fifth of the interval: each deployment is
   * still checked once per interval, and a thousand cost about 20 ECS and 20 ELB describes a minute
   * instead of 100 of each in one burst.
   */
  static final int RESYNC_PARTS = 5;

  public record Settings(Duration resyncInterval, Duration pollInterval, Duration streamIdleWait,
      int failuresBeforePolling, Duration tick) {}

  private final Settings settings;
  private final String threadPrefix;
  private final StreamSource stream;
  private final PollingSource polling;
  private final Resync resync;
  private volatile Mode mode = Mode.STARTING;
  private Ticker ticker;

  public EventSources(DynamoDbClient dynamo, DynamoDbStreamsClient streams, DeploymentStore store,
      ResyncSelection resyncSelection, String table, Clock clock, Settings settings, String threadPrefix,
      EventSink sink) {
    this.settings = settings;
    this.threadPrefix = threadPrefix;
    Duration maxRetryWait = settings.pollInterval().compareTo(Duration.ofSeconds(30)) > 0
        ? settings.pollInterval() : Duration.ofSeconds(30);
    this.stream = new StreamSource(dynamo, streams, table, settings.streamIdleWait(), maxRetryWait,
        threadPrefix + "-stream", sink, this);
    this.polling = new PollingSource(store, clock, settings.pollInterval(), sink);
    this.resync = new Resync(resyncSelection, clock, settings.resyncInterval(), RESYNC_PARTS, settings.pollInterval(),
        sink);
  }

  public void start() {
    stream.start();
    ticker = Ticker.start(threadPrefix + "-events", settings.tick(), this::tick);
  }

  public void stop(Duration timeout) throws InterruptedException {
    stream.stop(timeout);
    if (ticker != null) {
      ticker.stop(timeout);
    }
  }

  public Mode mode() {
    return mode;
  }

  public Resync resync() {
    return resync;
  }

  public boolean alive() {
    return stream.alive() && ticker != null && ticker.alive();
  }

  private void tick() {
    resync.tick();
    if (mode == Mode.POLLING) {
      polling.tick();
    }
  }

  @Override
  public void positioned() {
    resync.requestNow(); // changes made before the position was taken are the resync's to find
    if (mode == Mode.POLLING) {
      LOG.infof("the stream works again; stopped polling");
    }
    mode = Mode.STREAM;
  }

  @Override
  public void noStream() {
    pollInstead("the table has no DynamoDB stream (run `teal init` to turn it on)");
  }

  @Override
  public void failing(int inARow, Exception cause) {
    if (inARow >= settings.failuresBeforePolling()) {
      pollInstead("reading the stream failed " + inARow + " times in a row (" + cause.getMessage() + ")");
    }
  }

  @Override
  public void recovered() {
    if (mode == Mode.POLLING) {
      LOG.infof("the stream works again; stopped polling");
      mode = Mode.STREAM;
    }
  }

  private void pollInstead(String why) {
    if (mode == Mode.POLLING) {
      return;
    }
    polling.reset();
    mode = Mode.POLLING;
    LOG.warnf("%s; polling the documents every %s instead, until the stream can be used", why,
        settings.pollInterval());
  }
}
