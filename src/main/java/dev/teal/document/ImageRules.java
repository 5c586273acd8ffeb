package dev.teal.document;

import static dev.teal.document.DocumentValidator.MAX_IMAGES;

import dev.teal.model.DeploymentSpec;

/** The rules of images: references with a tag or digest, and at most one per container. */
final class ImageRules {

  private ImageRules() {}

  static void images(Rules r, DeploymentSpec spec) {
    if (spec.images() == null) {
      return;
    }
    if (spec.images().size() > MAX_IMAGES) {
      r.add("spec.images", "must name at most " + MAX_IMAGES + " containers (ECS's limit per task definition)");
    }
    spec.images().forEach((container, image) -> {
      String path = "spec.images." + container;
      if (!Patterns.matches(Patterns.CONTAINER, container)) {
        r.add(path, "must be keyed by a container name: letters, digits, '-' and '_', at most 255");
      }
      image(r, path, image);
      if (container.equals(spec.container()) && spec.image() != null && !spec.image().equals(image)) {
        r.add(path, "is spec.container's image and must equal spec.image (" + spec.image() + ") or be left out");
      }
    });
  }

  static void image(Rules r, String path, String image) {
    if (image == null || image.isEmpty()) {
      r.add(path, "is required");
    } else if (image.length() > Patterns.IMAGE_MAX) {
      r.add(path, "must be at most " + Patterns.IMAGE_MAX + " characters");
    } else if (!Patterns.matches(Patterns.IMAGE, image)) {
      r.add(path, "must be an image reference with a tag or digest, like nginx:1.27,"
          + " registry.example.com:5000/team/web:1.2.3 or web@sha256:<64 hex>; no spaces, no implicit :latest"
          + " (was " + Rules.quote(image) + ")");
    }
  }
}
