import type { Role } from '@zhifa/domain';

/**
 * The demo accounts the seed creates: one per role, all with DEMO_PASSWORD and no forced password change, so a
 * reviewer can log in straight away. Checked against DEFAULT_PASSWORD_POLICY in the seed test. Change or disable them
 * (SEED_DEMO=false) before any real use.
 */
export const DEMO_PASSWORD = 'Zhifa@2026demo';

export interface DemoUser {
  role: Role;
  /** Region of the account (秦皇岛市 130300 or 昌黎县 130322). */
  regionCode: string;
  zh: string;
  en: string;
}

export const DEMO_USERS = {
  sysadmin: { role: 'system_admin', regionCode: '130300', zh: '系统管理员（秦皇岛市）：维护区划、执法主体、规则配置和用户档案', en: 'System administrator (Qinhuangdao): regions, subjects, rule profiles and user records' },
  secadmin: { role: 'security_admin', regionCode: '130300', zh: '安全管理员（秦皇岛市）：角色授权、解锁、重置密码和密码策略', en: 'Security administrator (Qinhuangdao): role grants, unlocks, password resets and the password policy' },
  auditor: { role: 'audit_admin', regionCode: '130300', zh: '审计管理员（秦皇岛市）：查阅审计日志和安全日志', en: 'Audit administrator (Qinhuangdao): reads the audit trail and the security log' },
  supervisor: { role: 'supervisor', regionCode: '130300', zh: '执法监督人员（秦皇岛市司法局）：全市行政执法监督', en: 'Supervisor at the Qinhuangdao justice bureau: city-wide enforcement supervision' },
  supervisor2: { role: 'supervisor', regionCode: '130300', zh: '执法监督人员（秦皇岛市司法局）：案卷评查第二评查人、执法回访', en: 'Second supervisor at the Qinhuangdao justice bureau: second case-file reviewer, return visits' },
  county_supervisor: { role: 'supervisor', regionCode: '130322', zh: '执法监督人员（昌黎县司法局）：本县行政执法监督', en: 'Supervisor at the Changli county justice bureau: county-wide enforcement supervision' },
  officer: { role: 'officer', regionCode: '130300', zh: '执法人员（秦皇岛市市场监督管理局，持有效执法证）', en: 'Enforcement officer at the Qinhuangdao market regulation bureau (valid certificate)' },
  reviewer: { role: 'legal_reviewer', regionCode: '130300', zh: '法制审核人员（秦皇岛市市场监督管理局）', en: 'Legal reviewer at the Qinhuangdao market regulation bureau' },
  head: { role: 'agency_head', regionCode: '130300', zh: '执法机关负责人（秦皇岛市市场监督管理局）', en: 'Agency head of the Qinhuangdao market regulation bureau' },
  county_head: { role: 'agency_head', regionCode: '130322', zh: '执法机关负责人（昌黎县市场监督管理局）', en: 'Agency head of the Changli county market regulation bureau' },
  dispatcher: { role: 'dispatcher', regionCode: '130322', zh: '指挥中心调度员（昌黎县综合行政执法局）', en: 'Command-centre dispatcher at the Changli county comprehensive enforcement bureau' },
} as const satisfies Record<string, DemoUser>;
export type DemoUsername = keyof typeof DEMO_USERS;

/** Fixed ids, so links to the demo accounts (and the seed's own audit entries) are the same on every install. */
export const DEMO_USER_IDS: Record<DemoUsername, string> = {
  sysadmin: '5eed0000-0000-4000-8000-000000000001',
  secadmin: '5eed0000-0000-4000-8000-000000000002',
  auditor: '5eed0000-0000-4000-8000-000000000003',
  supervisor: '5eed0000-0000-4000-8000-000000000004',
  county_supervisor: '5eed0000-0000-4000-8000-000000000005',
  officer: '5eed0000-0000-4000-8000-000000000006',
  reviewer: '5eed0000-0000-4000-8000-000000000007',
  head: '5eed0000-0000-4000-8000-000000000008',
  county_head: '5eed0000-0000-4000-8000-000000000009',
  dispatcher: '5eed0000-0000-4000-8000-00000000000a',
  supervisor2: '5eed0000-0000-4000-8000-00000000000e',
};
