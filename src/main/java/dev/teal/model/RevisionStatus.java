package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One revision of a deployment and the AWS resources that run it. The revision id is derived from the
 * spec (see the planner), so every resource can be found again by name, externalId or tag after a crash.
 *
 * @param adopted true when the task set existed before teal and was taken over; its target group
 *     was not created by teal and is never deleted by it
 * @param template the task definition revision teal copied for it, when it followed a family; a new
 *     revision of the family makes a new revision of the deployment
 * @param clientToken CreateTaskSet's client token for this attempt at the revision: recorded before the
 *     call, so a retry after a crash is idempotent, and new for every attempt, because ECS answers a token
 *     it has seen with the task set it made then (even a deleted one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "image", "taskDefinition", "taskSet", "targetGroup", "adopted", "template",
    "clientToken"})
public record RevisionStatus(
    String revision, String image, String taskDefinition, String taskSet, String targetGroup, Boolean adopted,
    String template, String clientToken) {

  public RevisionStatus(
      String revision, String image, String taskDefinition, String taskSet, String targetGroup, Boolean adopted,
      String template) {
    this(revision, image, taskDefinition, taskSet, targetGroup, adopted, template, null);
  }

  public RevisionStatus(
      String revision, String image, String taskDefinition, String taskSet, String targetGroup, Boolean adopted) {
    this(revision, image, taskDefinition, taskSet, targetGroup, adopted, null);
  }

  public static RevisionStatus of(String revision, String image) {
    return new RevisionStatus(revision, image, null, null, null, null);
  }

  public boolean isAdopted() {
    return Boolean.TRUE.equals(adopted);
  }

  public RevisionStatus withTaskDefinition(String arn) {
    return new RevisionStatus(revision, image, arn, taskSet, targetGroup, adopted, template, clientToken);
  }

  public RevisionStatus withTaskSet(String arn) {
    return new RevisionStatus(revision, image, taskDefinition, arn, targetGroup, adopted, template, clientToken);
  }

  public RevisionStatus withTemplate(String arn) {
    return new RevisionStatus(revision, image, taskDefinition, taskSet, targetGroup, adopted, arn, clientToken);
  }

  public RevisionStatus withTargetGroup(String arn) {
    return new RevisionStatus(revision, image, taskDefinition, taskSet, arn, adopted, template, clientToken);
  }

  public RevisionStatus withClientToken(String token) {
    return new RevisionStatus(revision, image, taskDefinition, taskSet, targetGroup, adopted, template, token);
  }
}
