package dev.teal.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.teal.model.RevisionStatus;

/** A revision by its id and image: what a history entry keeps of the status's revisions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"revision", "image"})
public record RevisionRef(String revision, String image) {

  static RevisionRef of(RevisionStatus revision) {
    return revision == null ? null : new RevisionRef(revision.revision(), revision.image());
  }
}
