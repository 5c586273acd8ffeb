package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.sandbox.lambda.FunctionResult;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lambda Invoke as teal's hooks use it, through the real SDK client (REST-JSON). Functions with set answers exist
 * only on the simulator; against AWS only the errors are checked (creating a function needs a role and code).
 */
class LambdaContractTest {

  @Test
  void invokingAFunctionThatDoesNotExistIsResourceNotFound() {
    try (ContractTarget target = ContractTarget.resolve()) {
      String name = target.name("contract-no-such-function");
      assertThatThrownBy(() -> target.lambda().invoke(r -> r.functionName(name)
          .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOfSatisfying(ResourceNotFoundException.class,
              e -> assertThat(e.statusCode()).isEqualTo(404));
    }
  }

  @Test
  void aFunctionAnswersWithItsPayloadOrItsFunctionError() {
    try (ContractTarget target = ContractTarget.resolve()) {
      target.simulator().lambda().define("hook-ok", FunctionResult.success("{\"ok\":true}"))
          .define("hook-fails", FunctionResult.error("Error", "boom"));

      InvokeResponse ok = target.lambda().invoke(r -> r.functionName("hook-ok").payload(SdkBytes.fromUtf8String("{}")));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.functionError()).isNull();
      assertThat(ok.payload().asUtf8String()).isEqualTo("{\"ok\":true}");

      InvokeResponse failed = target.lambda().invoke(r -> r.functionName("hook-fails")
          .payload(SdkBytes.fromUtf8String("{}")));
      assertThat(failed.statusCode()).isEqualTo(200);
      assertThat(failed.functionError()).isEqualTo("Unhandled");
      assertThat(failed.payload().asUtf8String()).contains("\"errorType\":\"Error\"");

      InvokeResponse dryRun = target.lambda().invoke(r -> r.functionName("hook-ok")
          .invocationType(InvocationType.DRY_RUN));
      assertThat(dryRun.statusCode()).isEqualTo(204);
      assertThat(target.simulator().lambda().invocations("hook-ok")).as("a dry run runs nothing").hasSize(1);
    }
  }
}
