import { idNumberCheckDigit, type PoliceTransferMaterialKey } from '@zhifa/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.ts';
import type { Db } from '../db/client.ts';
import { cases } from '../modules/cases/index.ts';
import { registryTables } from '../modules/registry/index.ts';
import { caseTransfers } from '../modules/transfers/index.ts';
import { findDemoActor } from './demo-actors.ts';
import type { Actor } from '../modules/identity/index.ts';

const { subjects, items, itemSubjects } = registryTables;

/**
 * 案件移送 demo (domain-rules §9), through the transfer service so every guard applies: the city market bureau sends
 * one case to the Changli county bureau (pending its acceptance, county_head sees it under 收到的移送), and one suspected
 * crime to the county police, sent and received, waiting for the police's answer (overdue once the demo clock passes
 * the 3 days, 310号令 Art.8 — the warning finder reports it). Runs once.
 */
export async function seedDemoTransfers(services: Services, db: Db, opts: { today: string }): Promise<{ transfers: number; skipped: boolean }> {
  const [city] = await db.select().from(subjects).where(eq(subjects.name, '秦皇岛市市场监督管理局'));
  const [county] = await db.select().from(subjects).where(eq(subjects.name, '昌黎县市场监督管理局'));
  if (!city || !county) return { transfers: 0, skipped: true };
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(caseTransfers).where(eq(caseTransfers.agencyId, city.id));
  if ((existing?.n ?? 0) > 0) return { transfers: 0, skipped: true };
  const officer = await findDemoActor(db, 'officer');
  const head = await findDemoActor(db, 'head');
  const me = officer;
  // A second handler from an existing demo case of the bureau (the case seed picked a certified colleague).
  const [other] = await db.select({ ids: sql<string[]>`${cases.facts}->'officerIds'` }).from(cases).where(eq(cases.agencyId, city.id)).orderBy(cases.createdAt).limit(1);
  const [item] = await db.select({ id: items.id }).from(items).innerJoin(itemSubjects, eq(itemSubjects.itemId, items.id)).where(and(eq(itemSubjects.subjectId, city.id), eq(items.category, 'penalty'), eq(items.status, 'active'))).orderBy(items.code).limit(1);
  if (!officer || !head || !me?.officerId || !item) return { transfers: 0, skipped: true };
  const officerIds = [...new Set([me.officerId, ...(other?.ids ?? [])])].slice(0, 2);
  const day = (back: number) => new Date(Date.parse(opts.today) - back * 86_400_000).toISOString().slice(0, 10);
  const meta = { requestId: 'seed-demo-transfers' };

  const a = await services.cases.open(
    officer,
    { itemId: item.id, placeRegionCode: '130322', party: { type: 'individual', name: '孙立新', idNumber: `13032219800307561${idNumberCheckDigit('13032219800307561')}`, address: '昌黎县昌黎镇民生路18号' }, officerIds, violationOn: day(20), discoveredOn: day(5) },
    meta,
  );
  const scanned = async (caseId: string, name: string) => (await demoScan(services, officer, caseId, name, new Date(`${opts.today}T00:20:00+08:00`))).id;
  await services.transfers.createAgencyTransfer(
    officer,
    {
      caseId: a.id,
      toAgencyId: county.id,
      reason: '经核查，违法行为发生地位于昌黎县昌黎镇，依照行政处罚法第二十二条属昌黎县市场监督管理局管辖。',
      materials: ['案件移送函', '案源登记表', '现场检查笔录', '现场照片'],
      attachments: [
        { material: '案件移送函', evidenceId: await scanned(a.id, '案件移送函') },
        { material: '现场检查笔录', evidenceId: await scanned(a.id, '现场检查笔录') },
      ],
    },
    meta,
  );

  const b = await services.cases.open(
    officer,
    { itemId: item.id, placeRegionCode: '130322', party: { type: 'individual', name: '周海', idNumber: `13032219760911472${idNumberCheckDigit('13032219760911472')}`, address: '昌黎县昌黎镇新华街6号' }, officerIds, violationOn: day(30), discoveredOn: day(10), isSuspectedCrime: true },
    meta,
  );
  let p = await services.transfers.createPoliceTransfer(officer, { caseId: b.id, policeOrgan: '昌黎县公安局', summary: '当事人销售假冒注册商标的食品，货值金额超过五万元，涉嫌销售伪劣产品罪，达到刑事立案追诉标准。', hasTesting: true, reportedOn: day(1) }, meta);
  p = await services.transfers.actPolice(head, p.id, 'approve', { version: p.version }, meta);
  p = await services.transfers.setPoliceMaterials(officer, p.id, { version: p.version, materials: { transfer_letter: ['冀秦市监移〔2026〕1号'], investigation_report: ['涉嫌犯罪案件调查报告'], items_list: ['涉案物品清单（白酒120箱）'], inspection_conclusions: ['检验报告 QHD-2026-0311'] } }, meta);
  const pkg: [PoliceTransferMaterialKey, string][] = [
    ['transfer_letter', '涉嫌犯罪案件移送书'],
    ['investigation_report', '涉嫌犯罪案件调查报告'],
    ['items_list', '涉案物品清单'],
    ['inspection_conclusions', '检验报告'],
  ];
  for (const [material, name] of pkg) p = await services.transfers.changePoliceAttachment(officer, p.id, { version: p.version, action: 'attach', material, evidenceId: await scanned(b.id, name) }, meta);
  p = await services.transfers.actPolice(officer, p.id, 'send', { version: p.version }, meta);
  await services.transfers.actPolice(officer, p.id, 'record_receipt', { version: p.version, note: '昌黎县公安局经侦大队签收回执' }, meta);
  return { transfers: 2, skipped: false };
}

/**
 * A scanned paper material (移送函, 笔录…) stored the way an upload is: the bytes into the blob store, the metadata
 * through the evidence service with its checks. The file is a tiny placeholder PDF, not a real scan.
 */
async function demoScan(services: Services, actor: Actor, caseId: string, name: string, at: Date) {
  const blob = await services.blobs.put(Buffer.from(`%PDF-1.4\n% zhifa demo scan\n% ${name} ${caseId}\n`));
  return services.evidence.record(
    actor,
    { caseRef: caseId, stage: null, maker: actor.displayName, makerOfficerId: null, capturedAt: at.toISOString(), recordingEndedAt: null, capturedPlace: '秦皇岛市市场监督管理局', device: '扫描仪（演示）', deviceReviewed: true, method: '纸质材料扫描', proves: name, transcript: null, gapReason: null, retentionClass: '30y' },
    { blobId: blob.id, size: blob.size, fileName: `${name}.pdf`, mediaType: 'application/pdf' },
    { requestId: `seed-demo-transfers-${caseId}-${name}` },
  );
}
