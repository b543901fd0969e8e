// The authenticated caller and data scope: a shared kernel used by every module (identity re-exports it).

import { ADMIN_DUTY_OWNER, AppError, hasPermission, isAdminRole, ROLE_SCOPE, type Permission, type Role } from '@zhifa/domain';
import { eq, like, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** The authenticated caller, resolved from the session on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  agencyId: string | null;
  regionCode: string;
  /** '/130000/130300/' — the caller's region and its ancestors; a prefix of every path in their subtree. */
  regionPath: string;
}

/** The actor a stored user row acts as (the session resolves the same fields). */
export function actorFromUser(u: { id: string; username: string; displayName: string; role: string | null; agencyId: string | null; regionCode: string; regionPath: string }): Actor {
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, agencyId: u.agencyId, regionCode: u.regionCode, regionPath: u.regionPath };
}

/**
 * Refuse unless the role holds the permission. When an administrator asks for another administrator kind's duty we
 * say so explicitly (三员分立), so the refusal teaches who should do it.
 */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (hasPermission(actor.role, permission)) return;
  const owner = ADMIN_DUTY_OWNER[permission];
  if (isAdminRole(actor.role) && owner && owner !== actor.role) {
    throw new AppError('SEPARATION_OF_DUTIES', { details: { permission, ownerRole: owner, yourRole: actor.role } });
  }
  throw new AppError('FORBIDDEN', { details: { permission, yourRole: actor.role } });
}

/**
 * The data-scope condition for a scoped table. Agency roles see rows of their own agency; region roles see rows whose
 * region path starts with theirs (their region subtree). Everything else is invisible, and reads of it answer 404.
 */
export function scopeCondition(actor: Actor, cols: { regionPath: AnyColumn; agencyId?: AnyColumn }): SQL {
  if (ROLE_SCOPE[actor.role] === 'agency') {
    if (!actor.agencyId || !cols.agencyId) return sql`false`;
    return eq(cols.agencyId, actor.agencyId);
  }
  return like(cols.regionPath, `${escapeLike(actor.regionPath)}%`);
}

/** Same rule as scopeCondition, for a row already in memory. */
export function isInScope(actor: Actor, row: { regionPath: string; agencyId?: string | null }): boolean {
  if (ROLE_SCOPE[actor.role] === 'agency') return !!actor.agencyId && row.agencyId === actor.agencyId;
  return row.regionPath.startsWith(actor.regionPath);
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
