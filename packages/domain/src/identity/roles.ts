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
  // ---- 案卷评查 and 回访 (issue #6 items 3–4, domain-rules §10.3, §10.1 S3) ----
  /** Plan evaluation campaigns, sample, assign reviewers, issue reports, answer objections; return-visit tasks (justice bureau). */
  EVALUATION_MANAGE: 'evaluation.manage',
  /** Score the case files assigned to oneself (blind, CR2) and record one's return visits. */
  EVALUATION_SCORE: 'evaluation.score',
  /** See one's agency's issued evaluation results, object within the window (CR3(7)), report rectification. */
  EVALUATION_RESPOND: 'evaluation.respond',
  // ── Case transfer (案件移送, domain-rules §9) ──
  /** Read transfers the caller's agency sent or received, or (supervisors) those touching their region. */
  TRANSFER_READ: 'transfer.read',
  /** Transfer cases, accept or refuse them, run the crime transfer to the police (agency officers and heads). */
  TRANSFER_HANDLE: 'transfer.handle',
  /** Designate jurisdiction in a transfer dispute (指定管辖) and see duplicate cases (justice-bureau supervisor). */
  TRANSFER_DESIGNATE: 'transfer.designate',
  // ---- supervision (监督预警、监督文书, domain-rules §10) ----
  /** Read early warnings and supervision documents in scope (the agency's own; a supervisor's region subtree). */
  SUPERVISION_READ: 'supervision.read',
  /** Run scans, close or reopen warnings, issue supervision documents and sanctions (justice-bureau supervisor). */
  SUPERVISION_ISSUE: 'supervision.issue',
  /** Acknowledge warnings, report rectification, answer or object to supervision documents (agency head). */
  SUPERVISION_RESPOND: 'supervision.respond',
  // ---- publicity (事后公开, domain-rules §15 PR3) ----
  /** Review the redacted copy of a decision, mark further secret or private passages, and release it to the portal. */
  PUBLICITY_REVIEW: 'publicity.review',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission] | LiaisonPermission;

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

export const hasPermission = (role: Role, p: Permission): boolean => ROLE_PERMISSIONS[role].includes(p) || (LIAISON_ROLE_PERMISSIONS[role] as readonly Permission[]).includes(p);
/** 案卷评查 / 回访 grants (a separate block so the role table above stays as it is). */
export const EVALUATION_GRANTS: Partial<Record<Role, readonly Permission[]>> = {
  supervisor: [P.EVALUATION_MANAGE, P.EVALUATION_SCORE],
  agency_head: [P.EVALUATION_RESPOND],
};
for (const [role, ps] of Object.entries(EVALUATION_GRANTS)) (ROLE_PERMISSIONS[role as Role] as Permission[]).push(...ps);
// ── Case transfer (案件移送) grants, kept as their own block ──
const TRANSFER_GRANTS: Partial<Record<Role, readonly Permission[]>> = {
  officer: [P.TRANSFER_READ, P.TRANSFER_HANDLE],
  agency_head: [P.TRANSFER_READ, P.TRANSFER_HANDLE],
  legal_reviewer: [P.TRANSFER_READ],
  supervisor: [P.TRANSFER_READ, P.TRANSFER_DESIGNATE],
};
for (const [role, ps] of Object.entries(TRANSFER_GRANTS) as [Role, readonly Permission[]][]) ROLE_PERMISSIONS[role] = [...ROLE_PERMISSIONS[role], ...ps];
// ---- supervision permissions, kept in one block (issue #6) -------------------------------------------------------------
const SUPERVISION_GRANTS: Partial<Record<Role, readonly Permission[]>> = {
  officer: [P.SUPERVISION_READ],
  legal_reviewer: [P.SUPERVISION_READ],
  agency_head: [P.SUPERVISION_READ, P.SUPERVISION_RESPOND],
  supervisor: [P.SUPERVISION_READ, P.SUPERVISION_ISSUE],
};
for (const [role, ps] of Object.entries(SUPERVISION_GRANTS) as [Role, readonly Permission[]][]) ROLE_PERMISSIONS[role] = [...ROLE_PERMISSIONS[role], ...ps];

// ---- publicity review (PR3 Sys: "redaction is reviewed by a human before publication") --------------------------------
// The agency head decides what the agency publishes (行政处罚法 Art.48; 谁执法谁公示, LI4); the legal reviewer, who already
// checks the decision's text (Art.58), may review its public copy too. Officers prepare, they do not release.
const PUBLICITY_GRANTS: Partial<Record<Role, readonly Permission[]>> = {
  agency_head: [P.PUBLICITY_REVIEW],
  legal_reviewer: [P.PUBLICITY_REVIEW],
};
for (const [role, ps] of Object.entries(PUBLICITY_GRANTS) as [Role, readonly Permission[]][]) ROLE_PERMISSIONS[role] = [...ROLE_PERMISSIONS[role], ...ps];

/** Which administrator kind owns a permission, to explain a 三员分立 refusal. */
export const ADMIN_DUTY_OWNER: Partial<Record<Permission, Role>> = {
  [P.USER_MANAGE]: Role.SYSTEM_ADMIN,
  [P.REGISTRY_WRITE_SYSTEM]: Role.SYSTEM_ADMIN,
  [P.SECURITY_MANAGE]: Role.SECURITY_ADMIN,
  [P.AUDIT_READ]: Role.AUDIT_ADMIN,
};

// ---- Complaints and liaison (投诉举报; 监督员, 专家库, 企业联系点, 问卷, 第三方评估 — issue #6 items 5–6) ----------------
// A separate block so the permission sets of the supervision work stay easy to read and to merge.
export const LiaisonPermission = {
  /** Read complaints and reports routed to one's agency (or in one's region, for supervisors). */
  COMPLAINT_READ: 'complaint.read',
  /** Accept, reject, answer a complaint, open a case from a report — the handling agency's officers and head. */
  COMPLAINT_HANDLE: 'complaint.handle',
  /** Assign a handler, re-route to another agency (with reasons), import hotline/petition records. */
  COMPLAINT_ASSIGN: 'complaint.assign',
  /** Read supervisors, experts, contact points, surveys and third-party evaluations. */
  LIAISON_READ: 'liaison.read',
  /** Maintain supervisors and their certificates, field supervision, experts, contact points, surveys, evaluations (justice bureau). */
  LIAISON_MANAGE: 'liaison.manage',
} as const;
export type LiaisonPermission = (typeof LiaisonPermission)[keyof typeof LiaisonPermission];

const LP = LiaisonPermission;
export const LIAISON_ROLE_PERMISSIONS: Record<Role, readonly LiaisonPermission[]> = {
  officer: [LP.COMPLAINT_READ, LP.COMPLAINT_HANDLE],
  legal_reviewer: [],
  agency_head: [LP.COMPLAINT_READ, LP.COMPLAINT_HANDLE, LP.COMPLAINT_ASSIGN, LP.LIAISON_READ],
  supervisor: [LP.COMPLAINT_READ, LP.COMPLAINT_ASSIGN, LP.LIAISON_READ, LP.LIAISON_MANAGE],
  dispatcher: [],
  system_admin: [],
  security_admin: [],
  audit_admin: [],
};

/** Every permission of a role (the base set plus the complaints/liaison block). */
export const permissionsOf = (role: Role): Permission[] => [...ROLE_PERMISSIONS[role], ...LIAISON_ROLE_PERMISSIONS[role]];
