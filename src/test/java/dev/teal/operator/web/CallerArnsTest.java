package dev.teal.operator.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who changed a document, as the status API shows it: without the account or a person's name by default. */
class CallerArnsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "arn:aws:iam::123456789012:user/alice | arn:aws:iam::…:user/…",
      "arn:aws:iam::123456789012:user/team/alice | arn:aws:iam::…:user/…",
      "arn:aws:sts::123456789012:assumed-role/ci-deployer/alice@example.com | arn:aws:sts::…:assumed-role/ci-deployer/…",
      "arn:aws-us-gov:iam::123456789012:role/deployer | arn:aws-us-gov:iam::…:role/…",
      "arn:aws:iam::123456789012:root | arn:aws:iam::…:…",
      "unknown | unknown"})
  void redactedUnlessConfiguredToShow(String arn, String shown) {
    assertThat(CallerArns.shown(arn, false)).isEqualTo(shown);
    assertThat(CallerArns.shown(arn, true)).isEqualTo(arn);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "paused by arn:aws:sts::123456789012:assumed-role/ci/alice: held | paused by arn:aws:sts::…:assumed-role/ci/…: held",
      "aborted by arn:aws:iam::123456789012:user/bob at noon | aborted by arn:aws:iam::…:user/… at noon",
      "task set arn:aws:ecs:us-east-1:123456789012:task-set/demo/web/ecs-svc | task set arn:aws:ecs:us-east-1:123456789012:task-set/demo/web/ecs-svc",
      "no ARN here | no ARN here"})
  void callerArnsInsideATextAreRedactedAndOtherArnsKept(String text, String shown) {
    assertThat(CallerArns.redactIn(text)).isEqualTo(shown);
  }
}
