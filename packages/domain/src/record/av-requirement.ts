import type { Refusal } from '../errors/index.ts';
import { AV_STAGE_LABELS, AV_STAGES, type AvStage } from '../registry/enums.ts';

/**
 * 全程音像记录 (domain-rules REC3): the item registry marks, per stage, whether audio-video recording is required.
 * A step whose stage is marked required cannot be completed until an audio or video recording of that case and stage
 * is on file (118号 §三(八); 内蒙古办法 Art.17 makes the dispute-prone list mandatory).
 */
export interface AvFacts {
  /** Stages the item marks `required` (items.avRequirements). */
  required: readonly AvStage[];
  /** Stages of this case with at least one audio or video recording on file that was not withdrawn. */
  recorded: readonly AvStage[];
}

/** Media kinds that count as an audio-video record (photos and documents are text/still records, REC2). */
export const AV_RECORD_KINDS = ['audio', 'video'] as const;

/** The stages an item's requirement map marks `required`, in the registry's order. */
export function requiredAvStages(requirements: Readonly<Record<string, string>> | null | undefined): AvStage[] {
  return AV_STAGES.filter((s) => requirements?.[s] === 'required');
}

/**
 * Which action completes a stage that may require audio-video, per procedure: ending the investigation (调查取证),
 * recording the hearing (听证), recording the inspection result after the on-site check (现场检查), executing a seal
 * or seizure (查封扣押, REC3's first mandatory case).
 */
export const AV_STAGE_OF_ACTION = {
  penalty: {
    end_investigation: 'investigation',
    record_hearing: 'hearing',
    // Only for the methods in AV_SERVICE_METHODS and for on-site cash (AV_EXECUTION_PAYMENT_METHODS); see the guards.
    serve_notice: 'service',
    serve_decision: 'service',
    serve_reminder: 'service',
    record_payment: 'execution',
    record_part_payment: 'execution',
  },
  inspection: { record_result: 'inspection' },
  coercion: { execute: 'seizure', execute_emergency: 'seizure', destroy: 'execution' },
} as const satisfies Record<string, Record<string, AvStage>>;

export const AV_RECORD_CITATION = '国办发〔2018〕118号 §三(八); 内蒙古自治区行政执法全过程记录办法 Art.17; domain-rules REC3';

/**
 * The refusal when `stage` requires audio-video and none is attached, or null. `av` absent means the caller did not
 * load the requirement (pure-domain fixtures); the server always loads it.
 */
export function avRecordMissing(stage: AvStage, av: AvFacts | null | undefined): Refusal | null {
  if (!av || !av.required.includes(stage) || av.recorded.includes(stage)) return null;
  const label = AV_STAGE_LABELS[stage];
  return {
    code: 'RULE_VIOLATION',
    message: `The enforcement item requires an audio-video record of the step "${label.en}"; none is attached to this case. Upload the recording in the evidence panel with this step.`,
    messageZh: `该执法事项要求对“${label.zh}”环节全程音像记录，本案尚未上传该环节的录音录像。请在“音像及证据材料”中上传环节为“${label.zh}”的录音或录像。`,
    citation: AV_RECORD_CITATION,
    details: {
      stage,
      hint: `Attach an audio or video recording with stage "${stage}" in the case's evidence panel (执法全过程记录), then retry.`,
      hintZh: `请在证据材料中上传环节为“${label.zh}”的录音或录像后再办理。`,
      attach: { stage, kinds: [...AV_RECORD_KINDS] },
    },
  };
}

/** A guard for one stage over any procedure's facts that carry `av`. */
export const avRecordAttached =
  (stage: AvStage) =>
  (facts: { av?: AvFacts | null }): Refusal | null =>
    avRecordMissing(stage, facts.av);

/**
 * 送达 methods recorded on audio-video where the item requires the service stage: 留置送达 (leaving the document with a
 * party who refuses it) and 公告送达 (service by public notice) are on 118号 §三(八)'s dispute-prone list, which
 * 内蒙古办法 Art.17 makes mandatory. Direct service is proven by the party's signature on the 送达回证, postal and
 * electronic service by their receipts: "where text alone records the act fully, audio-video may be omitted" (same
 * article), so those steps are not blocked.
 */
export const AV_SERVICE_METHODS = ['left_at_address', 'public_notice'] as const;

/**
 * Payment methods whose recording is an on-site execution step: 当场收缴 (行政处罚法 Art.68–69) is cash taken from the
 * party on the spot — on-site enforcement, on the dispute-prone list of 118号 §三(八). Bank and e-payment leave their
 * own record.
 */
export const AV_EXECUTION_PAYMENT_METHODS = ['on_site_cash'] as const;

/**
 * REC3 for a service step (serve_notice / serve_decision / serve_reminder): refused when the item requires the service
 * stage, the document is served by a method in AV_SERVICE_METHODS, and no service recording is attached. `method`
 * absent means direct service (the server's default).
 */
export function serviceAvRecordMissing(method: string | null | undefined, av: AvFacts | null | undefined): Refusal | null {
  if (!method || !(AV_SERVICE_METHODS as readonly string[]).includes(method)) return null;
  const r = avRecordMissing('service', av);
  return r ? { ...r, details: { ...r.details, serviceMethod: method } } : null;
}

/**
 * REC3 for an execution step taken on site: refused when the item requires the execution stage, the step is an on-site
 * act (`onSite`), and no execution recording is attached.
 */
export function executionAvRecordMissing(onSite: boolean, av: AvFacts | null | undefined): Refusal | null {
  return onSite ? avRecordMissing('execution', av) : null;
}
