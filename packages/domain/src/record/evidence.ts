import { z } from 'zod';
import { AV_STAGES } from '../registry/enums.ts';

/**
 * Evidence metadata (执法全过程记录, domain-rules §3): what must be stated with every photo, recording or document.
 * Seed 003: audio-video must state how, when and by whom it was made and what it proves; audio needs a text record.
 */
export const EvidenceKind = { PHOTO: 'photo', AUDIO: 'audio', VIDEO: 'video', DOCUMENT: 'document', OTHER: 'other' } as const;
export type EvidenceKind = (typeof EvidenceKind)[keyof typeof EvidenceKind];

/** Retention classes (永久 / 30 年 / 10 年) are [S] in domain-rules §19 item 10: configurable, never enforced shorter. */
export const RETENTION_CLASSES = { permanent: null, '30y': 30, '10y': 10 } as const;
export type RetentionClass = keyof typeof RETENTION_CLASSES;

export const EvidenceMetaInput = z.object({
  caseRef: z.string().trim().min(1).max(100),
  stage: z.enum(AV_STAGES as [string, ...string[]]).nullish().transform((v) => v ?? null),
  kind: z.enum(Object.values(EvidenceKind) as [EvidenceKind, ...EvidenceKind[]]).optional(),
  maker: z.string().trim().min(1).max(100),
  makerOfficerId: z.uuid().nullish().transform((v) => v ?? null),
  capturedAt: z.iso.datetime({ offset: true }),
  capturedPlace: z.string().trim().min(1).max(300),
  device: z.string().trim().min(1).max(200),
  deviceReviewed: z.boolean(),
  method: z.string().trim().min(1).max(300),
  proves: z.string().trim().min(1).max(1000),
  transcript: z.string().trim().max(100_000).nullish().transform((v) => v || null),
  gapReason: z.string().trim().max(1000).nullish().transform((v) => v || null),
  /** When an audio/video recording stopped (REC4: media metadata includes start and end; gaps need a reason). */
  recordingEndedAt: z.iso.datetime({ offset: true }).nullish().transform((v) => v ?? null),
  retentionClass: z.enum(Object.keys(RETENTION_CLASSES) as [RetentionClass, ...RetentionClass[]]).default('30y'),
});
export type EvidenceMetaInput = z.infer<typeof EvidenceMetaInput>;

export function evidenceKindOf(mediaType: string): EvidenceKind {
  if (mediaType.startsWith('image/')) return 'photo';
  if (mediaType.startsWith('audio/')) return 'audio';
  if (mediaType.startsWith('video/')) return 'video';
  if (mediaType === 'application/pdf' || mediaType.startsWith('text/') || mediaType.includes('officedocument') || mediaType.includes('msword')) return 'document';
  return 'other';
}

export interface EvidenceAssessment {
  kind: EvidenceKind;
  /** Reasons the upload is refused (each with its source). */
  refusals: { field: string; message: string; messageZh: string; citation: string }[];
  /** Non-blocking flags shown to supervisors. */
  lateUpload: boolean;
  deviceNotReviewed: boolean;
  retainUntil: string | null;
}

/** Hours after capture within which media should reach the system (domain-rules REC5: 24 h, Inner Mongolia). */
export const UPLOAD_WITHIN_HOURS = 24;

/**
 * Check evidence metadata against the recording rules. Refusals block the upload; flags are recorded and shown.
 */
export function assessEvidence(meta: EvidenceMetaInput, mediaType: string, uploadedAt: Date): EvidenceAssessment {
  const kind = meta.kind ?? evidenceKindOf(mediaType);
  const refusals: EvidenceAssessment['refusals'] = [];
  const captured = new Date(meta.capturedAt);
  if (captured.getTime() > uploadedAt.getTime() + 5 * 60_000) {
    refusals.push({ field: 'capturedAt', message: 'The capture time lies in the future.', messageZh: '采集时间晚于当前时间。', citation: '行政处罚法 Art.46' });
  }
  if (kind === 'audio' && !meta.transcript) {
    refusals.push({ field: 'transcript', message: 'An audio recording needs a text record (transcript).', messageZh: '录音证据须附文字记录。', citation: '威政办发〔2016〕3号; domain-rules §3' });
  }
  const years = RETENTION_CLASSES[meta.retentionClass];
  const retainUntil = years === null ? null : `${captured.getUTCFullYear() + years}${captured.toISOString().slice(4, 10)}`;
  return {
    kind,
    refusals,
    lateUpload: uploadedAt.getTime() - captured.getTime() > UPLOAD_WITHIN_HOURS * 3600_000,
    deviceNotReviewed: !meta.deviceReviewed,
    retainUntil,
  };
}

/** A recording already on file for the same case and step. */
export interface RecordingSpan {
  startedAt: Date;
  endedAt: Date;
}

/**
 * 音像记录不得中断 (内蒙古办法 Art.18–19; domain-rules REC4): an on-site recording runs without interruption from start to
 * end; when a new recording of the same case and step starts more than the tolerance after the previous one stopped,
 * the interruption must be explained. Returns the refusal, or null. The end must not precede the start.
 */
export function recordingGapRefusal(
  meta: Pick<EvidenceMetaInput, 'capturedAt' | 'recordingEndedAt' | 'gapReason'>,
  kind: EvidenceKind,
  earlier: readonly RecordingSpan[],
  toleranceMinutes: number,
): EvidenceAssessment['refusals'][number] | null {
  if (kind !== 'audio' && kind !== 'video') return null;
  const start = new Date(meta.capturedAt);
  if (meta.recordingEndedAt && new Date(meta.recordingEndedAt).getTime() < start.getTime()) {
    return { field: 'recordingEndedAt', message: 'The recording ends before it starts.', messageZh: '录制结束时间早于开始时间。', citation: 'domain-rules REC4' };
  }
  // The latest recording that ended before this one started.
  const before = earlier.filter((r) => r.startedAt.getTime() <= start.getTime()).sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())[0];
  if (!before || meta.gapReason) return null;
  const gapMs = start.getTime() - before.endedAt.getTime();
  if (gapMs <= toleranceMinutes * 60_000) return null;
  const minutes = Math.round(gapMs / 60_000);
  return {
    field: 'gapReason',
    message: `The recording of this step was interrupted for ${minutes} minutes; state the reason for the interruption.`,
    messageZh: `本环节音像记录中断约${minutes}分钟，须说明中断原因。`,
    citation: '内蒙古自治区行政执法全过程记录办法 Art.18–19; domain-rules REC4',
  };
}
