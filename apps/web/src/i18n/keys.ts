import { zhCN, type MessageKey } from './zh-CN.ts';

/** Whether a computed key (e.g. `subjectStatus.${status}`) exists in the dictionary. */
export function isMessageKey(k: string): k is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, k);
}
