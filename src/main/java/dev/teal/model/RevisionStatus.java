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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "image", "taskDefinition", "taskSet", "targetGroup", "adopted", "template"})
public record RevisionStatus(
    String revision, String image, String taskDefinition, String taskSet, String targetGroup, Boolean adopted,
    String template) {

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
    return new RevisionStatus(revision, image, arn, taskSet, targetGroup, adopted, template);
  }

  public RevisionStatus withTaskSet(String arn) {
    return new RevisionStatus(revision, image, taskDefinition, arn, targetGroup, adopted, template);
  }

  public RevisionStatus withTemplate(String arn) {
    return new RevisionStatus(revision, image, taskDefinition, taskSet, targetGroup, adopted, arn);
  }

  public RevisionStatus withTargetGroup(String arn) {
    return new RevisionStatus(revision, image, taskDefinition, taskSet, arn, adopted, template);
  }
}
