package dev.teal.sandbox.elb;

/** Told when a listener appears, moves port or goes, so the data plane can open or close its server. */
public interface ListenerObserver {

  void listenerOpened(String listenerArn, int port);

  void listenerClosed(String listenerArn);

  ListenerObserver NONE = new ListenerObserver() {
    @Override
    public void listenerOpened(String listenerArn, int port) {
    }

    @Override
    public void listenerClosed(String listenerArn) {
    }
  };
}
