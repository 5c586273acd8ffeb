package dev.teal.sandbox.elb;

import dev.teal.sandbox.ImageBehaviour;

/** What runs behind a registered target: the ECS task that put it there, or nothing known. */
public record TargetOwner(String image, String taskArn, ImageBehaviour behaviour) {

  public static final TargetOwner EXTERNAL = new TargetOwner("unknown", null, ImageBehaviour.NORMAL);
}
