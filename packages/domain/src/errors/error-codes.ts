/**
 * The one catalogue of error codes (style.md "Errors"). Each code maps to exactly one HTTP status and carries an
 * English and a Chinese message. The `hint` says what would unblock the caller. Codes are stable API: never rename.
 */
export interface ErrorSpec {
  status: number;
  en: string;
  zh: string;
  hint?: string;
}

export const ErrorCodes = {
  /** Request body, query or params failed schema validation; `details.issues` lists each field. */
  VALIDATION_FAILED: { status: 400, en: 'The request is invalid.', zh: '请求内容不符合要求。' },
  /** No session, or the session cookie is unknown or revoked. */
  UNAUTHENTICATED: { status: 401, en: 'Please log in.', zh: '请先登录。' },
  /** Username or password wrong. Deliberately does not say which (no account enumeration). */
  INVALID_CREDENTIALS: { status: 401, en: 'Wrong username or password.', zh: '用户名或密码错误。' },
  /** The session saw no request for longer than the idle timeout (30 min by default). */
  SESSION_EXPIRED: { status: 401, en: 'Your session has expired; please log in again.', zh: '会话已超时，请重新登录。' },
  /** Too many consecutive failed logins; the account is locked until `details.lockedUntil`. */
  ACCOUNT_LOCKED: {
    status: 423,
    en: 'The account is locked after repeated failed logins.',
    zh: '账号因多次登录失败已被锁定。',
    hint: 'Wait until the lock expires or ask a security administrator to unlock it.',
  },
  /** The account is disabled or still waiting for a role from the security administrator (三员分立). */
  ACCOUNT_INACTIVE: { status: 403, en: 'The account is not active.', zh: '账号未启用。' },
  /** The password must be changed before anything else (first login or reset). */
  PASSWORD_CHANGE_REQUIRED: { status: 403, en: 'You must change your password first.', zh: '请先修改密码。' },
  /** The new password fails the password policy; `details.violations` lists the rules broken. */
  PASSWORD_POLICY: { status: 422, en: 'The password does not meet the password policy.', zh: '密码不符合密码策略。' },
  /** The caller's role may not perform this action. */
  FORBIDDEN: { status: 403, en: 'You are not allowed to do this.', zh: '无权执行此操作。' },
  /** 三员分立: an administrator attempted another administrator kind's duty. */
  SEPARATION_OF_DUTIES: {
    status: 403,
    en: 'This duty belongs to another administrator role (separation of duties).',
    zh: '该职责属于其他管理员角色（三员分立）。',
  },
  /** Unknown id, or a record outside the caller's data scope (we never reveal which). */
  NOT_FOUND: { status: 404, en: 'Not found.', zh: '未找到。' },
  /** A unique value (code, number, username) already exists. */
  DUPLICATE: { status: 409, en: 'A record with this value already exists.', zh: '已存在相同的记录。' },
  /** The record changed since the caller read it (optimistic concurrency on `version`). */
  VERSION_CONFLICT: { status: 409, en: 'The record was changed by someone else; reload and retry.', zh: '记录已被他人修改，请刷新后重试。' },
  /** The action is not allowed in the record's current status; `details.allowedActions` lists what is. */
  INVALID_TRANSITION: { status: 409, en: 'This action is not allowed in the current status.', zh: '当前状态下不允许该操作。' },
  /** A legal or business rule refused the request; `details.citation` names the rule. */
  RULE_VIOLATION: { status: 422, en: 'A rule forbids this.', zh: '违反业务规则。' },
  /** No holiday calendar for a year a deadline falls in (domain-rules G5: fail loudly, never guess). */
  CALENDAR_MISSING: {
    status: 422,
    en: 'The working-day calendar has no data for this year.',
    zh: '工作日历缺少该年度数据。',
    hint: 'A system administrator must enter that year\'s holidays and make-up working days (调休).',
  },
  /** An Excel import failed validation; `details.errors` lists row/column problems. Nothing was written. */
  IMPORT_INVALID: { status: 422, en: 'The file has errors; nothing was imported.', zh: '文件存在错误，未导入任何数据。' },
  /** Uploaded file is not a readable .xlsx of the expected template. */
  IMPORT_UNREADABLE: { status: 400, en: 'The file could not be read as the expected Excel template.', zh: '无法按模板读取该Excel文件。' },
  /** Too many requests. */
  RATE_LIMITED: { status: 429, en: 'Too many requests.', zh: '请求过于频繁。' },
  /** Anything unexpected. The cause goes to the log only, never to the client. */
  INTERNAL: { status: 500, en: 'Something went wrong.', zh: '系统内部错误。' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ErrorCodes;

/** A refusal by a domain rule: pure data, so guards stay I/O-free and the server turns it into an AppError. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  messageZh: string;
  /** Legal citation, e.g. "行政处罚法 Art.42". */
  citation?: string;
  details?: Record<string, unknown>;
}

/** Thrown across layers; the server's error handler renders it as `{ error: { code, message, messageZh, details, requestId } }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageZh: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, opts: { message?: string; messageZh?: string; details?: Record<string, unknown> } = {}) {
    const spec: ErrorSpec = ErrorCodes[code];
    super(opts.message ?? spec.en);
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.messageZh = opts.messageZh ?? spec.zh;
    const hint = spec.hint;
    this.details = hint && !opts.details?.hint ? { ...opts.details, hint } : opts.details;
  }

  static fromRefusal(r: Refusal): AppError {
    return new AppError(r.code, {
      message: r.message,
      messageZh: r.messageZh,
      details: { ...(r.citation ? { citation: r.citation } : {}), ...r.details },
    });
  }
}

/** A field-level problem, shared by API validation and Excel import (row/column). */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
  messageZh?: string;
}
