package io.kiban.identity;

/** What a role allows. Checked by {@link AccessControl} in the services, never in controllers. */
public enum Permission {
  /** See experiments, runs, models, governance records of a workspace. */
  READ,
  /** Create and change experiments, runs, metrics and artifacts. */
  TRACK,
  /** Register models and versions, edit model cards. */
  REGISTER,
  /** Set production aliases and stages. */
  PROMOTE,
  /** Keep the inventory, assessments, risks, frameworks and policies. */
  GOVERN,
  /** Report incidents and ask for approvals. */
  REPORT,
  /** Decide approval requests. */
  APPROVE,
  /** Suspend use cases and model versions (veto). */
  SUSPEND,
  /** Verify and export the audit trail. */
  AUDIT,
  /** Users, tokens, workspaces, role grants, settings. */
  ADMIN
}
