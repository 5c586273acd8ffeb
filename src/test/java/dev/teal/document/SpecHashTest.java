package dev.teal.document;

import static dev.teal.document.Fixtures.bytes;
import static dev.teal.document.Fixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentSpec;
import dev.teal.model.DesiredPhase;
import org.junit.jupiter.api.Test;

class SpecHashTest {

  private static final DeploymentSpec SPEC = DocumentCodec.read(bytes(minimal())).spec();

  @Test
  void isSixteenHexCharacters() {
    assertThat(SpecHash.of(SPEC)).matches("[0-9a-f]{16}");
  }

  @Test
  void isStableAcrossReleases() {
    // Pinned: a change here means every running operator would see every spec as changed after an upgrade.
    assertThat(SpecHash.of(SPEC)).isEqualTo(PINNED);
  }

  @Test
  void anExplicitDefaultHashesLikeAnOmittedOne() {
    DeploymentSpec explicit = DocumentCodec.read(bytes(minimal().replace("  image: nginx:1.27",
        "  image: nginx:1.27\n  phase: preview\n  strategy: {scaleDownDelay: 30m, promotion: {stepInterval: 60s}}"))).spec();

    assertThat(SpecHash.of(explicit)).isEqualTo(SpecHash.of(SPEC));
  }

  @Test
  void changesWhenAnythingThatMattersChanges() {
    assertThat(SpecHash.of(SPEC.withImage("nginx:1.28"))).isNotEqualTo(SpecHash.of(SPEC));
    assertThat(SpecHash.of(SPEC.withPhase(DesiredPhase.PROMOTE))).isNotEqualTo(SpecHash.of(SPEC));
  }

  @Test
  void rawHashOfAnUnboundSpecFollowsItsContent() {
    var tree = DocumentCodec.toTree(SPEC);
    var changed = ((com.fasterxml.jackson.databind.node.ObjectNode) tree.deepCopy()).put("imgae", "x");

    assertThat(SpecHash.ofRaw(tree)).isNotEqualTo(SpecHash.ofRaw(changed)).matches("[0-9a-f]{16}");
  }

  private static final String PINNED = "e054327c8802f9cb";
}
