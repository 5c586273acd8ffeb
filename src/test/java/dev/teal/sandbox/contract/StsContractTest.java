package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StsContractTest {

    @Test
    void getCallerIdentityNamesTheAccountAndCaller() {
        try (ContractTarget target = ContractTarget.resolve()) {
            var identity = target.sts().getCallerIdentity();
            assertThat(identity.account()).matches("\\d{12}");
            assertThat(identity.arn()).startsWith("arn:aws:").contains(identity.account());
            assertThat(identity.userId()).isNotBlank();
            if (target.isSimulator()) {
                assertThat(identity.arn()).isEqualTo("arn:aws:iam::000000000000:user/sandbox");
            }
        }
    }
}
