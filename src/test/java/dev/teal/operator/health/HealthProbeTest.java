package dev.teal.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The image's container health check: live only when /q/health/live answers 200. */
class HealthProbeTest {

  @ParameterizedTest
  @CsvSource({"/q/health/live, 200, true", "/q/health/live, 503, false", "/q/health/ready, 200, false"})
  void itIsLiveOnlyWhenTheLivenessCheckAnswers200(String path, int status, boolean live) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    server.createContext(path, exchange -> {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    try {
      assertThat(HealthProbe.live(server.getAddress().getPort())).isEqualTo(live);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void nothingListeningIsNotLive() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1);
    int port = server.getAddress().getPort();
    server.stop(0);
    assertThat(HealthProbe.live(port)).isFalse();
  }
}
