import type { Refusal } from '../errors/index.ts';
import { hasPermission, type Role } from '../identity/index.ts';
import type { CommandStatus } from './events.ts';

/**
 * Turning a command event into the procedure it calls for (seed 004: 发现—派遣—处置—反馈, "转立案"): an inspection
 * (行政检查) or a penalty-case lead (案源, 行政处罚法 Art.54). The case is opened by the cases module with its own
 * guards; this decides whether the command event may be converted at all.
 */
export const COMMAND_CONVERSIONS = ['inspection', 'penalty_lead'] as const;
export type CommandConversion = (typeof COMMAND_CONVERSIONS)[number];

export const COMMAND_CONVERSION_LABELS: Record<CommandConversion, { zh: string; en: string }> = {
  inspection: { zh: '转行政检查', en: 'Convert to an inspection' },
  penalty_lead: { zh: '转立案（案源登记）', en: 'Convert to a penalty-case lead' },
};

/** The item category each conversion needs (执法事项清单: a body acts only on the items listed for it). */
export const CONVERSION_ITEM_CATEGORY: Record<CommandConversion, 'inspection' | 'penalty'> = { inspection: 'inspection', penalty_lead: 'penalty' };

/** An event is converted while it is being handled on site: the officer has arrived or recorded the handling. */
export const CONVERTIBLE_STATUSES: readonly CommandStatus[] = ['arrived', 'handled'];

export interface ConversionContext {
  conversion: CommandConversion;
  status: CommandStatus;
  role: Role;
  /** The acting officer is the one the event is dispatched to (an agency head may act for the team). */
  isAssignee: boolean;
  /** The chosen item, as the registry lists it for the event's agency (null: not one of the agency's items). */
  item: { category: string; isOfAgency: boolean } | null;
  /** A case of this conversion is already linked to the event. */
  isAlreadyConverted: boolean;
}

/**
 * Null when the event may be converted, else the refusal: the state (409 with what is possible), the role or assignee
 * (403), a second conversion of the same kind (409), or an item outside the agency's powers (422 with the citation —
 * 行政处罚法 Art.17: penalties only within the statutory powers; Art.18 for the powers a comprehensive team absorbed).
 */
export function conversionRefusal(c: ConversionContext): Refusal | null {
  if (!CONVERTIBLE_STATUSES.includes(c.status)) {
    return {
      code: 'INVALID_TRANSITION',
      message: `An event is converted into a case while it is handled on site (arrived or handled), not while it is ${c.status}.`,
      messageZh: '事件须在到场或处置后方可转为行政检查或案件。',
      details: { status: c.status, action: `convert_${c.conversion}`, allowed: [] },
    };
  }
  // Dispatchers steer the centre; opening an inspection or a case is enforcement work (行政处罚法 Art.42: by officers).
  if (!hasPermission(c.role, 'case.handle')) {
    return {
      code: 'FORBIDDEN',
      message: `Role ${c.role} cannot open an inspection or a penalty case; the officer on site or the agency head does (行政处罚法 Art.42).`,
      messageZh: '当前角色不能启动行政检查或立案，应由到场执法人员或机关负责人办理（《行政处罚法》第四十二条）。',
      citation: '行政处罚法 Art.42',
      details: { role: c.role, citation: '行政处罚法 Art.42' },
    };
  }
  if (c.role === 'officer' && !c.isAssignee) {
    return { code: 'FORBIDDEN', message: 'Only the officer the event is dispatched to may convert it.', messageZh: '只有被派遣的执法人员可以将事件转为检查或案件。', details: { action: `convert_${c.conversion}` } };
  }
  if (c.isAlreadyConverted) {
    return { code: 'DUPLICATE', message: 'The event has already been converted into one of these.', messageZh: '该事件已转为同类检查或案件。', details: { conversion: c.conversion } };
  }
  const need = CONVERSION_ITEM_CATEGORY[c.conversion];
  if (!c.item || !c.item.isOfAgency || c.item.category !== need) {
    const citation = need === 'penalty' ? '行政处罚法 Art.17, Art.18' : '行政处罚法 Art.17; 国办发〔2019〕5号 (执法事项清单)';
    return {
      code: 'RULE_VIOLATION',
      message: `The agency can only ${need === 'penalty' ? 'open a penalty case' : 'inspect'} on a ${need} item listed for it; choose one of its own items.`,
      messageZh: need === 'penalty' ? '本机关只能就本机关处罚事项清单内的事项立案（《行政处罚法》第十七条、第十八条）。' : '本机关只能就本机关检查事项清单内的事项实施行政检查。',
      citation,
      details: { citation, needCategory: need, itemCategory: c.item?.category ?? null, isOfAgency: c.item?.isOfAgency ?? false },
    };
  }
  return null;
}
