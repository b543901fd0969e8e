/**
 * Roles and permissions. A user holds exactly one role. The three administrator roles are separated
 * (三员分立, GB/T 22239-2019 等保2.0 安全管理中心: 系统管理员 / 安全管理员 / 审计管理员): none holds another's
 * permissions, and none of them does enforcement work.
 */
export const Role = {
  OFFICER: 'officer',
  LEGAL_REVIEWER: 'legal_reviewer',
  AGENCY_HEAD: 'agency_head',
  SUPERVISOR: 'supervisor',
  DISPATCHER: 'dispatcher',
  SYSTEM_ADMIN: 'system_admin',
  SECURITY_ADMIN: 'security_admin',
  AUDIT_ADMIN: 'audit_admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role) as Role[];

export const ADMIN_ROLES: readonly Role[] = [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN];
export const isAdminRole = (r: Role): boolean => ADMIN_ROLES.includes(r);

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  officer: { zh: '执法人员', en: 'Enforcement officer' },
  legal_reviewer: { zh: '法制审核人员', en: 'Legal reviewer' },
  agency_head: { zh: '执法机关负责人', en: 'Agency head' },
  supervisor: { zh: '执法监督人员（司法局）', en: 'Supervisor (justice bureau)' },
  dispatcher: { zh: '指挥中心调度员', en: 'Command-centre dispatcher' },
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
};

/**
 * Data scope. Agency roles see their own agency; the justice-bureau supervisor and the administrators see every
 * agency whose region lies in their region subtree (province → city → county → township).
 */
export const ScopeKind = { AGENCY: 'agency', REGION: 'region' } as const;
export type ScopeKind = (typeof ScopeKind)[keyof typeof ScopeKind];

export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  officer: 'agency',
  legal_reviewer: 'agency',
  agency_head: 'agency',
  dispatcher: 'agency',
  supervisor: 'region',
  system_admin: 'region',
  security_admin: 'region',
  audit_admin: 'region',
};

export const Permission = {
  /** Read registries (lists of subjects, officers, items, …) within scope. */
  REGISTRY_READ: 'registry.read',
  /** Maintain one's own agency's officers, items, discretion tiers (agency head) — or any in scope (system admin). */
  REGISTRY_WRITE_AGENCY: 'registry.write.agency',
  /** Maintain regions, subjects, entrustments, rule profiles, holiday calendar. */
  REGISTRY_WRITE_SYSTEM: 'registry.write.system',
  /** Confirm / announce / revoke enforcement subjects; suspend or revoke certificates (justice bureau). */
  REGISTRY_SUPERVISE: 'registry.supervise',
  /** Create and edit user accounts (profile, agency) — system administrator. */
  USER_MANAGE: 'user.manage',
  /** Assign roles, unlock, reset passwords, set the password policy — security administrator. */
  SECURITY_MANAGE: 'security.manage',
  /** Read the audit trail and the security log — audit administrator. */
  AUDIT_READ: 'audit.read',
  /** Read cases in scope (the agency's own; a supervisor's region subtree). */
  CASE_READ: 'case.read',
  /** Open cases and take procedural steps for one's own agency (officers and agency heads). */
  CASE_HANDLE: 'case.handle',
  /** Pass or return a case in legal review (法制审核, 行政处罚法 Art.58) — the assigned legal reviewer only. */
  CASE_REVIEW: 'case.review',
  /** Read spot-check plans, draws, tasks and the target directory in scope (双随机, domain-rules §8). */
  SPOT_CHECK_READ: 'spotcheck.read',
  /** Make plans, maintain the target directory, commit/draw/reveal/redraw (the agency head, §8 I4). */
  SPOT_CHECK_PLAN: 'spotcheck.plan',
  /** Record inspection results of one's own tasks (the drawn inspectors, §8 I6). */
  SPOT_CHECK_WORK: 'spotcheck.work',
  /** Read command-centre events and grids in scope (综合执法指挥, seed 004). */
  COMMAND_READ: 'command.read',
  /** Take, dispatch, merge, escalate and close command-centre events; maintain grids and device sources. */
  COMMAND_DISPATCH: 'command.dispatch',
  /** Report on patrol and work the events dispatched to oneself (field officer). */
  COMMAND_FIELD: 'command.field',
  // ---- supervision (监督预警、监督文书, domain-rules §10) ----
  /** Read early warnings and supervision documents in scope (the agency's own; a supervisor's region subtree). */
  SUPERVISION_READ: 'supervision.read',
  /** Run scans, close or reopen warnings, issue supervision documents and sanctions (justice-bureau supervisor). */
  SUPERVISION_ISSUE: 'supervision.issue',
  /** Acknowledge warnings, report rectification, answer or object to supervision documents (agency head). */
  SUPERVISION_RESPOND: 'supervision.respond',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  officer: [P.REGISTRY_READ, P.CASE_READ, P.CASE_HANDLE, P.SPOT_CHECK_READ, P.SPOT_CHECK_WORK, P.COMMAND_READ, P.COMMAND_FIELD],
  legal_reviewer: [P.REGISTRY_READ, P.CASE_READ, P.CASE_REVIEW, P.SPOT_CHECK_READ],
  agency_head: [P.REGISTRY_READ, P.REGISTRY_WRITE_AGENCY, P.CASE_READ, P.CASE_HANDLE, P.SPOT_CHECK_READ, P.SPOT_CHECK_PLAN, P.SPOT_CHECK_WORK, P.COMMAND_READ, P.COMMAND_DISPATCH],
  supervisor: [P.REGISTRY_READ, P.REGISTRY_SUPERVISE, P.CASE_READ, P.SPOT_CHECK_READ, P.COMMAND_READ],
  dispatcher: [P.REGISTRY_READ, P.COMMAND_READ, P.COMMAND_DISPATCH],
  system_admin: [P.REGISTRY_READ, P.REGISTRY_WRITE_AGENCY, P.REGISTRY_WRITE_SYSTEM, P.USER_MANAGE],
  security_admin: [P.SECURITY_MANAGE],
  audit_admin: [P.AUDIT_READ],
};

// ---- supervision permissions, kept in one block (issue #6) -------------------------------------------------------------
const SUPERVISION_GRANTS: Partial<Record<Role, readonly Permission[]>> = {
  officer: [P.SUPERVISION_READ],
  legal_reviewer: [P.SUPERVISION_READ],
  agency_head: [P.SUPERVISION_READ, P.SUPERVISION_RESPOND],
  supervisor: [P.SUPERVISION_READ, P.SUPERVISION_ISSUE],
};
for (const [role, ps] of Object.entries(SUPERVISION_GRANTS) as [Role, readonly Permission[]][]) ROLE_PERMISSIONS[role] = [...ROLE_PERMISSIONS[role], ...ps];

export const hasPermission = (role: Role, p: Permission): boolean => ROLE_PERMISSIONS[role].includes(p);

/** Which administrator kind owns a permission, to explain a 三员分立 refusal. */
export const ADMIN_DUTY_OWNER: Partial<Record<Permission, Role>> = {
  [P.USER_MANAGE]: Role.SYSTEM_ADMIN,
  [P.REGISTRY_WRITE_SYSTEM]: Role.SYSTEM_ADMIN,
  [P.SECURITY_MANAGE]: Role.SECURITY_ADMIN,
  [P.AUDIT_READ]: Role.AUDIT_ADMIN,
};
