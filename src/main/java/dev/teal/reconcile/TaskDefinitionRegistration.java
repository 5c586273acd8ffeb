package dev.teal.reconcile;

import dev.teal.model.OwnershipTags;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Green's task definition: a copy of the template with every container image the spec sets
 * ({@code spec.image} for {@code spec.container}, {@code spec.images} for the others) replaced. The
 * template is the revision a followed family resolved to (recorded on the copy as {@code
 * teal.dev/template}, so the family's newest revision still leads back to it once teal's copy is
 * newest), or the revision the spec pins.
 */
final class TaskDefinitionRegistration {

  private TaskDefinitionRegistration() {}

  static Action register(PlanningPass p) {
    String template = p.target.template() != null ? p.target.template() : p.spec.taskDefinition();
    Map<String, String> images = p.target.images() == null || p.target.images().isEmpty()
        ? Map.of(p.spec.container(), p.target.image()) : new LinkedHashMap<>(p.target.images());
    Map<String, String> tags = new HashMap<>(Revisions.tags(p.ctx.name(), p.target.revision()));
    if (p.target.template() != null) {
      tags.put(OwnershipTags.TEMPLATE, p.target.template());
    }
    p.draft.normal(Reasons.TASK_DEFINITION_REGISTERED, "registering a revision of " + template + " with "
        + images.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", ")));
    return new Action.RegisterTaskDefinition(p.target.revision(), template, p.spec.container(), p.target.image(),
        Map.copyOf(tags), Map.copyOf(images));
  }
}
