import type { z } from 'zod';

/**
 * A Chinese message for a Zod issue, so a field error reads naturally in the zh-CN interface (API and Excel import).
 * Custom refinements carry their own `params.messageZh`; the common built-in issue kinds are translated here.
 * `optionLabels` maps enum codes to Chinese labels when the caller knows them (Excel drop-down columns).
 */
export function zodIssueZh(issue: z.core.$ZodIssue, optionLabels?: Record<string, string>): string {
  const own = (issue as { params?: { messageZh?: string } }).params?.messageZh;
  if (own) return own;
  const i = issue as z.core.$ZodIssue & { expected?: string; values?: unknown[]; minimum?: number | bigint; maximum?: number | bigint; origin?: string; format?: string; input?: unknown };
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined || i.input === null || i.input === '' ? '必填项不能为空' : `格式错误（应为${typeZh(i.expected)}）`;
    case 'invalid_value': {
      const values = (i.values ?? []).map((v) => optionLabels?.[String(v)] ?? String(v));
      return `取值无效，可选：${values.join('、')}`;
    }
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? '不能为空' : `长度不能少于${i.minimum}个字符`;
      if (i.origin === 'array') return Number(i.minimum) <= 1 ? '至少填写一项' : `至少填写${i.minimum}项`;
      return `不能小于${i.minimum}`;
    case 'too_big':
      if (i.origin === 'string') return `长度不能超过${i.maximum}个字符`;
      if (i.origin === 'array') return `不能超过${i.maximum}项`;
      return `不能大于${i.maximum}`;
    case 'invalid_format':
      if (i.format === 'date') return '日期格式应为 YYYY-MM-DD，且须为有效日期';
      if (i.format === 'uuid') return '标识格式错误';
      if (i.format === 'regex') return '格式不符合要求';
      return '格式错误';
    default:
      return '内容不符合要求';
  }
}

function typeZh(t: string | undefined): string {
  return ({ string: '文本', number: '数字', boolean: '是/否', array: '列表', object: '对象', date: '日期' } as Record<string, string>)[t ?? ''] ?? (t ?? '');
}
