package io.kiban.workflow;

import io.kiban.audit.AuditChain;
import io.kiban.identity.AccessControl;
import io.kiban.identity.Permission;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The audit trail for people: the history of any object and the verification of the chain, for
 * those with the audit permission in all workspaces (auditors, the CAIO, administrators).
 */
@Service
public class AuditTrailService {

  private final AuditChain chain;
  private final AccessControl access;

  public AuditTrailService(AuditChain chain, AccessControl access) {
    this.chain = chain;
    this.access = access;
  }

  public List<AuditChain.ChainedEvent> history(String entityType, String entityId) {
    access.requireGlobal(Permission.AUDIT);
    return chain.eventsOf(entityType, entityId);
  }

  public AuditChain.Verification verify() {
    access.requireGlobal(Permission.AUDIT);
    return chain.verify();
  }

  public long export(Path directory) throws IOException {
    access.requireGlobal(Permission.AUDIT);
    return chain.export(directory);
  }
}
