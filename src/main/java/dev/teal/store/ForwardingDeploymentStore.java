package dev.teal.store;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link DeploymentStore} that passes every call on; decorators override the calls they care about. */
public abstract class ForwardingDeploymentStore implements DeploymentStore {

  private final DeploymentStore delegate;

  protected ForwardingDeploymentStore(DeploymentStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  protected DeploymentStore delegate() {
    return delegate;
  }

  @Override
  public Optional<StoredDeployment> get(String name) {
    return delegate.get(name);
  }

  @Override
  public List<StoredDeployment> list() {
    return delegate.list();
  }

  @Override
  public StoredDeployment create(BlueGreenDeployment document, ChangeContext ctx) {
    return delegate.create(document, ctx);
  }

  @Override
  public StoredDeployment updateSpec(String name, long expectedResourceVersion, DeploymentSpec spec,
      Map<String, String> labels, ChangeContext ctx) {
    return delegate.updateSpec(name, expectedResourceVersion, spec, labels, ctx);
  }

  @Override
  public void delete(String name, long expectedResourceVersion, ChangeContext ctx) {
    delegate.delete(name, expectedResourceVersion, ctx);
  }

  @Override
  public List<AuditRecord> history(String name) {
    return delegate.history(name);
  }

  @Override
  public void updateStatus(String name, StatusWriteGuard guard, DeploymentStatus status) {
    delegate.updateStatus(name, guard, status);
  }
}
