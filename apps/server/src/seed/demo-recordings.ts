import type { AvStage } from '@zhifa/domain';
import type { Services } from '../app.ts';
import type { Actor } from '../modules/identity/index.ts';

/**
 * A demo audio-video record of one step (执法记录仪 footage), stored the way an upload is: the bytes into the blob
 * store, the metadata through the evidence service with its checks (REC3: steps whose item requires audio-video are
 * refused until such a record is on file). The file is a tiny placeholder, not a playable video.
 */
export async function attachDemoRecording(services: Services, actor: Actor, caseRef: string, stage: AvStage, at: Date, place: string) {
  const bytes = Buffer.from(`zhifa demo recording\ncase ${caseRef}\nstage ${stage}\n`);
  const blob = await services.blobs.put(bytes);
  return services.evidence.record(
    actor,
    {
      caseRef,
      stage,
      maker: actor.displayName,
      makerOfficerId: null,
      capturedAt: new Date(at.getTime() - 30 * 60_000).toISOString(),
      recordingEndedAt: new Date(at.getTime() - 10 * 60_000).toISOString(),
      capturedPlace: place,
      device: '执法记录仪（演示）',
      deviceReviewed: true,
      method: '执法记录仪全程录音录像',
      proves: '本环节执法全过程',
      transcript: null,
      gapReason: null,
      retentionClass: '30y',
    },
    { blobId: blob.id, size: blob.size, fileName: `${stage}.mp4`, mediaType: 'video/mp4' },
    { requestId: `seed-demo-recording-${caseRef}-${stage}` },
  );
}

/** When the demo's recordings were made: the seed's `now`, or the start of today (China time) — never in the future. */
export const recordingTime = (opts: { today: string; now?: Date }) => opts.now ?? new Date(`${opts.today}T00:30:00+08:00`);
