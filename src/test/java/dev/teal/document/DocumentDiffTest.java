package dev.teal.document;

import static dev.teal.document.Fixtures.bytes;
import static dev.teal.document.Fixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.PromotionSpec;
import dev.teal.model.StrategySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentDiffTest {

  private static final DeploymentSpec SPEC = DocumentCodec.read(bytes(minimal())).spec();

  @Test
  void namesEachChangedFieldWithItsOldAndNewValue() {
    DeploymentSpec after = SPEC.withImage("nginx:1.28")
        .withStrategy(new StrategySpec(null, PromotionSpec.of(List.of(10, 100), null), null, null, null, null));

    assertThat(DocumentDiff.between(Map.of("team", "shop"), SPEC, Map.of("team", "web"), after))
        .extracting(FieldChange::toString).containsExactly(
            "metadata.labels.team: shop -> web",
            "spec.image: nginx:1.27 -> nginx:1.28",
            "spec.strategy.promotion.steps: (unset) -> [10, 100]");
  }

  @Test
  void aCreatedDocumentChangesEveryFieldFromUnset() {
    List<FieldChange> changes = DocumentDiff.between(null, null, Map.of(), SPEC);

    assertThat(changes).hasSize(9).allMatch(change -> change.from() == null);
    assertThat(changes).contains(new FieldChange("spec.containerPort", null, "80"));
  }

  @Test
  void anIdenticalSpecHasNoChanges() {
    assertThat(DocumentDiff.between(Map.of(), SPEC, null, SPEC)).isEmpty();
  }
}
