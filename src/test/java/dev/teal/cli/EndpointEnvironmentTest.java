package dev.teal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.document.Fixtures;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code main} in a child JVM with nothing but environment variables: proves that the SDK
 * (2.40.2, url-connection client) honours AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL by itself,
 * so the same CLI reaches the sandbox or real AWS with no flags.
 */
class EndpointEnvironmentTest {

  @RegisterExtension
  static SandboxExtension sandbox = SandboxExtension.create();

  @TempDir
  static Path home;

  @BeforeAll
  static void createTable() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
  }

  @Test
  void findsDynamoDbThroughAwsEndpointUrlDynamodb() throws Exception {
    Run run = teal(Fixtures.minimal("from-env", "nginx:1.27"), "apply", "-f", "-");
    assertThat(run.code()).as(run.err()).isZero();

    Run get = teal("", "get", "from-env");

    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.out()).startsWith("NAME ").contains("from-env   nginx:1.27   preview");
  }

  @Test
  void asksStsForTheCallerThroughAwsEndpointUrl() throws Exception {
    teal(Fixtures.minimal("who", "nginx:1.27"), "apply", "-f", "-");

    Run setImage = teal("", "set-image", "who", "nginx:1.28");

    assertThat(setImage.code()).as(setImage.err()).isZero();
    Run history = teal("", "history", "who");
    assertThat(history.out().lines().findFirst().orElseThrow())
        .contains("arn:aws:iam::000000000000:user/sandbox").endsWith("teal set-image who nginx:1.28");
  }

  @Test
  void withoutARegionItSaysWhatToSet() throws Exception {
    Run run = teal(Map.of("AWS_REGION", ""), "", "get");

    assertThat(run.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(run.err()).contains("set AWS_REGION");
  }

  record Run(int code, String out, String err) {}

  private static Run teal(String stdin, String... args) throws IOException, InterruptedException {
    return teal(Map.of(), stdin, args);
  }

  private static Run teal(Map<String, String> overrides, String stdin, String... args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
        "-cp", System.getProperty("java.class.path"), TealCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("AWS_") || key.startsWith("TEAL_"));
    env.put("AWS_REGION", sandbox.region());
    env.put("AWS_ACCESS_KEY_ID", "sandbox");
    env.put("AWS_SECRET_ACCESS_KEY", "sandbox-secret");
    env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_ENDPOINT_URL", sandbox.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", sandbox.dynamoDbEndpoint().toString());
    env.put(TealCli.TABLE_VARIABLE, sandbox.tableName());
    overrides.forEach((key, value) -> {
      if (value.isEmpty()) {
        env.remove(key);
      } else {
        env.put(key, value);
      }
    });
    File out = home.resolve("out-" + System.nanoTime()).toFile();
    File err = home.resolve("err-" + System.nanoTime()).toFile();
    builder.redirectOutput(out).redirectError(err);
    Process process = builder.start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("teal " + String.join(" ", args) + " did not finish within 60 s");
    }
    return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }
}
