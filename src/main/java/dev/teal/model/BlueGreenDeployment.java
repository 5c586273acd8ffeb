package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One deployment document, Kubernetes style: the key is {@code metadata.name}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public record BlueGreenDeployment(
    String apiVersion, String kind, ObjectMeta metadata, DeploymentSpec spec, DeploymentStatus status) {

  public static final String API_VERSION = "teal.dev/v1alpha1";
  public static final String KIND = "BlueGreenDeployment";

  public String name() {
    return metadata == null ? null : metadata.name();
  }

  public BlueGreenDeployment withSpec(DeploymentSpec newSpec) {
    return new BlueGreenDeployment(apiVersion, kind, metadata, newSpec, status);
  }

  public BlueGreenDeployment withStatus(DeploymentStatus newStatus) {
    return new BlueGreenDeployment(apiVersion, kind, metadata, spec, newStatus);
  }

  public BlueGreenDeployment withMetadata(ObjectMeta newMetadata) {
    return new BlueGreenDeployment(apiVersion, kind, newMetadata, spec, status);
  }
}
