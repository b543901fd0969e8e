import { AppError, RegionInput, SubjectInput as SubjectSchema, type CertificateInput, type ItemInput, type OfficerInput, type SubjectInput } from '@zhifa/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { actorFromUser, isInScope, requirePermission, type Actor } from '../../lib/actor.ts';
import type { Clock } from '../../lib/clock.ts';
import { zodIssueZh } from '../../lib/zod-zh.ts';
import type { AuditService } from '../audit/index.ts';
import type { BlobStore } from '../blobs/index.ts';
import { users } from '../identity/index.ts';
import type { JobRunner } from '../jobs/index.ts';
import type { ItemService, OfficerService, RegionService, SubjectService } from '../registry/index.ts';
import { registryTables } from '../registry/index.ts';
import { buildWorkbook, loadWorkbook, readSheet, type SheetSpec } from './excel.ts';
import { imports } from './imports.schema.ts';
import {
  fromOption,
  ITEM_SHEET,
  OFFICER_SHEET,
  OPTIONS,
  parseBool,
  parseNumber,
  REGION_SHEET,
  schemas,
  splitList,
  SUBJECT_SHEET,
  TIER_SHEET,
  type ImportKind,
} from './kinds.ts';

export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  message: string;
  messageZh: string;
}

/** At most this many errors are stored and shown; the count of all errors is in the summary. */
const MAX_ERRORS = 500;
const PROGRESS_EVERY = 500;

type ImportRow = typeof imports.$inferSelect;
export const importOut = (r: ImportRow) => ({
  id: r.id,
  kind: r.kind,
  fileName: r.fileName,
  status: r.status as 'queued' | 'validating' | 'writing' | 'succeeded' | 'failed',
  totalRows: r.totalRows,
  processedRows: r.processedRows,
  phase: r.phase,
  errors: (r.errors as ImportError[] | null) ?? null,
  summary: (r.summary as Record<string, unknown> | null) ?? null,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

const SHEETS: Record<ImportKind, SheetSpec[]> = {
  regions: [REGION_SHEET],
  subjects: [SUBJECT_SHEET],
  officers: [OFFICER_SHEET],
  items: [ITEM_SHEET, TIER_SHEET],
};

const PERMISSION: Record<ImportKind, 'registry.write.system' | 'registry.write.agency'> = {
  regions: 'registry.write.system',
  subjects: 'registry.write.system',
  officers: 'registry.write.agency',
  items: 'registry.write.agency',
};

const INSTRUCTIONS = [
  'Zhifa 清单导入模板 / import template',
  '1. 第一行为表头（带*为必填），请勿修改表头；从第二行起每行一条记录。',
  '2. 多个值用分号（;）分隔；可选值列可填代码或中文名称（见表头批注）。',
  '3. 日期格式 YYYY-MM-DD。统一社会信用代码、身份证号须含正确的校验位。',
  '4. 整个文件先全部校验：任何一行有错，整个文件都不会导入，并列出每个错误所在的行和列。',
  '1. Row 1 holds the headers (* = required). 2. Separate multiple values with ";". 3. Dates as YYYY-MM-DD.',
  '4. The whole file is validated first: if any row is wrong, nothing is imported and every error is listed by row and column.',
];

interface Deps {
  db: Db;
  audit: AuditService;
  blobs: BlobStore;
  jobs: JobRunner;
  clock: Clock;
  regions: RegionService;
  subjects: SubjectService;
  officers: OfficerService;
  items: ItemService;
}

/** A parsed row waiting for the write phase. */
type Prepared =
  | { kind: 'regions'; rows: z.infer<typeof RegionInput>[] }
  | { kind: 'subjects'; rows: SubjectInput[] }
  | { kind: 'officers'; rows: { officer: OfficerInput; certificate: CertificateInput | null }[] }
  | { kind: 'items'; rows: ItemInput[] };

export function createImportService(deps: Deps) {
  const { db, blobs, jobs, clock } = deps;

  async function actorFor(r: ImportRow): Promise<Actor> {
    // Imports run in a job, after the request: the actor is rebuilt from the uploader's account.
    const [u] = await db.select().from(users).where(eq(users.id, r.createdBy));
    if (!u || !u.role) throw new AppError('FORBIDDEN');
    return actorFromUser(u);
  }

  async function setProgress(id: string, patch: Partial<typeof imports.$inferInsert>) {
    await db.update(imports).set(patch).where(eq(imports.id, id));
  }

  /** Turn Zod issues into row/column errors. `columnOf` maps a field path to the column that holds it. */
  function issuesToErrors(sheet: SheetSpec, row: number, issues: z.core.$ZodIssue[], columnOf: (path: PropertyKey[]) => string): ImportError[] {
    return issues.map((i) => {
      const key = columnOf(i.path);
      const col = sheet.columns.find((c) => c.key === key);
      return { sheet: sheet.name, row, column: col?.header ?? key, message: i.message, messageZh: zodIssueZh(i, col?.options) };
    });
  }

  /** Look up subjects by USCC within the uploader's scope. */
  async function subjectsByUscc(actor: Actor, codes: string[]) {
    const uniq = [...new Set(codes.filter(Boolean).map((c) => c.toUpperCase()))];
    const found = new Map<string, { id: string; regionPath: string }>();
    for (let k = 0; k < uniq.length; k += 1000) {
      const rows = await db
        .select({ id: registryTables.subjects.id, uscc: registryTables.subjects.uscc, regionPath: registryTables.subjects.regionPath })
        .from(registryTables.subjects)
        .where(inArray(registryTables.subjects.uscc, uniq.slice(k, k + 1000)));
      for (const r of rows) if (r.uscc && isInScope(actor, { regionPath: r.regionPath, agencyId: r.id })) found.set(r.uscc, { id: r.id, regionPath: r.regionPath });
    }
    return found;
  }

  async function validate(actor: Actor, kind: ImportKind, data: Buffer, onProgress: (n: number, total: number) => Promise<void>): Promise<{ prepared: Prepared; errors: ImportError[]; total: number }> {
    let wb;
    try {
      wb = await loadWorkbook(data);
    } catch {
      throw new AppError('IMPORT_UNREADABLE');
    }
    const specs = SHEETS[kind];
    const main = specs[0]!;
    const ws = wb.getWorksheet(main.name) ?? wb.worksheets[0];
    if (!ws) throw new AppError('IMPORT_UNREADABLE', { details: { reason: 'no worksheet' } });
    const sheet = readSheet(ws, main);
    const errors: ImportError[] = [];
    for (const c of sheet.missingColumns) errors.push({ sheet: main.name, row: 1, column: c.header, message: 'required column missing', messageZh: '缺少必填列' });
    if (errors.length) return { prepared: { kind, rows: [] } as Prepared, errors, total: 0 };
    const total = sheet.rows.length;
    if (total === 0) errors.push({ sheet: main.name, row: 2, column: '-', message: 'the sheet has no data rows', messageZh: '文件中没有数据行' });
    const tick = async (i: number) => {
      if (i % PROGRESS_EVERY === 0) await onProgress(i, total);
    };

    if (kind === 'regions') {
      const rows: z.infer<typeof RegionInput>[] = [];
      for (const [i, r] of sheet.rows.entries()) {
        const v = r.values;
        const parsed = RegionInput.safeParse({ code: v.code, name: v.name, level: Number(fromOption(OPTIONS.level, v.level ?? '')), parentCode: v.parentCode || null });
        if (!parsed.success) errors.push(...issuesToErrors(main, r.row, parsed.error.issues, (p) => String(p[0])));
        else rows.push(parsed.data);
        await tick(i);
      }
      dupCheck(sheet.rows, main, 'code', errors);
      const existing = await db.select({ code: registryTables.regions.code }).from(registryTables.regions).where(inArray(registryTables.regions.code, rows.map((x) => x.code).slice(0, 10000)));
      for (const e of existing) errors.push({ sheet: main.name, row: sheet.rows[rows.findIndex((x) => x.code === e.code)]?.row ?? 0, column: '区划代码', message: 'already exists', messageZh: '区划代码已存在' });
      return { prepared: { kind, rows: rows.sort((a, b) => a.level - b.level) }, errors, total };
    }

    if (kind === 'subjects') {
      const bureaus = await subjectsByUscc(actor, sheet.rows.map((r) => r.values.supervisingBureau ?? ''));
      const rows: SubjectInput[] = [];
      for (const [i, r] of sheet.rows.entries()) {
        const v = r.values;
        const bureau = v.supervisingBureau ? bureaus.get(v.supervisingBureau.toUpperCase()) : null;
        if (v.supervisingBureau && !bureau) errors.push({ sheet: main.name, row: r.row, column: '监督机关统一社会信用代码', message: 'unknown subject', messageZh: '未找到该监督机关' });
        const parsed = SubjectSchema.safeParse({
          ...v,
          kind: fromOption(OPTIONS.kind, v.kind ?? ''),
          form: fromOption(OPTIONS.form, v.form ?? ''),
          sector: fromOption(OPTIONS.sector, v.sector ?? ''),
          supervisingBureauId: bureau?.id ?? null,
          absorbedPowers: [],
        });
        if (!parsed.success) errors.push(...issuesToErrors(main, r.row, parsed.error.issues, (p) => (p[0] === 'supervisingBureauId' ? 'supervisingBureau' : String(p[0]))));
        else rows.push(parsed.data);
        await tick(i);
      }
      dupCheck(sheet.rows, main, 'uscc', errors);
      return { prepared: { kind, rows }, errors, total };
    }

    if (kind === 'officers') {
      const agencies = await subjectsByUscc(actor, sheet.rows.map((r) => r.values.agency ?? ''));
      const rows: { officer: OfficerInput; certificate: CertificateInput | null }[] = [];
      for (const [i, r] of sheet.rows.entries()) {
        const v = r.values;
        const agency = v.agency ? agencies.get(v.agency.toUpperCase()) : undefined;
        if (!agency) errors.push({ sheet: main.name, row: r.row, column: '所属机关统一社会信用代码', message: 'unknown or out-of-scope agency', messageZh: '所属机关不存在或不在管辖范围内' });
        const o = schemas.OfficerInput.safeParse({
          name: v.name,
          idNumber: v.idNumber,
          agencyId: agency?.id ?? '00000000-0000-4000-8000-000000000000',
          post: v.post,
          personnelType: fromOption(OPTIONS.personnelType, v.personnelType ?? ''),
          phone: v.phone || null,
          education: v.education || null,
          hasLegalQualification: parseBool(v.hasLegalQualification ?? ''),
          legalQualificationNo: v.legalQualificationNo || null,
          isLegalReviewer: parseBool(v.isLegalReviewer ?? ''),
        });
        if (!o.success) errors.push(...issuesToErrors(main, r.row, o.error.issues, (p) => (p[0] === 'agencyId' ? 'agency' : String(p[0]))));
        let certificate: CertificateInput | null = null;
        if (v.certNumber) {
          const c = schemas.CertificateInput.safeParse({
            number: v.certNumber,
            categories: splitList(v.certCategories ?? '').map((x) => fromOption(OPTIONS.sector, x)),
            areaCode: v.certArea,
            issuedBy: v.certIssuedBy,
            issuedOn: v.certIssuedOn,
            expiresOn: v.certExpiresOn,
          });
          const certCol: Record<string, string> = { number: 'certNumber', categories: 'certCategories', areaCode: 'certArea', issuedBy: 'certIssuedBy', issuedOn: 'certIssuedOn', expiresOn: 'certExpiresOn' };
          if (!c.success) errors.push(...issuesToErrors(main, r.row, c.error.issues, (p) => certCol[String(p[0])] ?? String(p[0])));
          else certificate = c.data;
          if (o.success && o.data.personnelType === 'auxiliary') errors.push({ sheet: main.name, row: r.row, column: '执法证号', message: 'auxiliary staff cannot hold an enforcement certificate', messageZh: '辅助人员不得申领行政执法证件' });
        }
        if (o.success) rows.push({ officer: o.data, certificate });
        await tick(i);
      }
      dupCheck(sheet.rows, main, 'idNumber', errors);
      dupCheck(sheet.rows, main, 'certNumber', errors);
      const ids = rows.map((x) => x.officer.idNumber);
      for (let k = 0; k < ids.length; k += 1000) {
        const ex = await db.select({ idNumber: registryTables.officers.idNumber }).from(registryTables.officers).where(inArray(registryTables.officers.idNumber, ids.slice(k, k + 1000)));
        for (const e of ex) errors.push({ sheet: main.name, row: sheet.rows[ids.indexOf(e.idNumber)]?.row ?? 0, column: '身份证号', message: 'an officer with this ID number already exists', messageZh: '该身份证号的执法人员已存在' });
      }
      const certs = rows.map((x) => x.certificate?.number).filter((x): x is string => !!x);
      for (let k = 0; k < certs.length; k += 1000) {
        const ex = await db.select({ number: registryTables.certificates.number }).from(registryTables.certificates).where(inArray(registryTables.certificates.number, certs.slice(k, k + 1000)));
        for (const e of ex) errors.push({ sheet: main.name, row: sheet.rows[rows.findIndex((x) => x.certificate?.number === e.number)]?.row ?? 0, column: '执法证号', message: 'certificate number already exists', messageZh: '执法证号已存在' });
      }
      return { prepared: { kind, rows }, errors, total };
    }

    // items: main sheet + discretion tiers sheet keyed by item code
    const tierWs = wb.getWorksheet(TIER_SHEET.name);
    const tiers = tierWs ? readSheet(tierWs, TIER_SHEET) : { rows: [], missingColumns: [], unknownHeaders: [] };
    for (const c of tiers.missingColumns) errors.push({ sheet: TIER_SHEET.name, row: 1, column: c.header, message: 'required column missing', messageZh: '缺少必填列' });
    const tiersByCode = new Map<string, { row: number; values: Record<string, string> }[]>();
    for (const t of tiers.rows) tiersByCode.set(t.values.itemCode ?? '', [...(tiersByCode.get(t.values.itemCode ?? '') ?? []), t]);
    const codesInFile = new Set(sheet.rows.map((r) => r.values.code));
    for (const [code, ts] of tiersByCode) {
      if (!codesInFile.has(code)) for (const t of ts) errors.push({ sheet: TIER_SHEET.name, row: t.row, column: '事项编码', message: 'no such item code in the item sheet', messageZh: '事项清单中没有该事项编码' });
    }
    const subs = await subjectsByUscc(actor, sheet.rows.flatMap((r) => splitList(r.values.subjects ?? '')));
    const rows: ItemInput[] = [];
    const columnOfItem = (p: PropertyKey[]): string => {
      const f = String(p[0]);
      const sub = String(p[2] ?? '');
      const map: Record<string, string> = {
        subjectIds: 'subjects',
        avRequirements: 'avRequired',
        serviceGuide: ({ conditions: 'guideConditions', materials: 'guideMaterials', timeLimitDays: 'guideTimeLimit', fees: 'guideFees' } as Record<string, string>)[String(p[1])] ?? 'guideConditions',
        majorCriteria: ({ penaltyTypes: 'majorPenaltyTypes', fineAtLeast: 'majorFineAtLeast', other: 'majorOther' } as Record<string, string>)[String(p[1])] ?? 'majorPenaltyTypes',
        hearingThresholds: ({ fineIndividualAtLeast: 'hearingFineIndividual', fineOrganisationAtLeast: 'hearingFineOrganisation' } as Record<string, string>)[String(p[1])] ?? 'hearingFineIndividual',
        legalBasis: ({ law: 'lawNames', article: 'lawArticles', version: 'lawVersions', effectiveFrom: 'lawEffectiveFrom' } as Record<string, string>)[sub] ?? 'lawNames',
        flowchart: 'flowchart',
        exemptions: 'firstViolationExempt',
      };
      return map[f] ?? f;
    };
    for (const [i, r] of sheet.rows.entries()) {
      const v = r.values;
      const subjectCodes = splitList(v.subjects ?? '');
      const subjectIds: string[] = [];
      for (const c of subjectCodes) {
        const s = subs.get(c.toUpperCase());
        if (!s) errors.push({ sheet: main.name, row: r.row, column: '实施主体统一社会信用代码', message: `unknown or out-of-scope subject ${c}`, messageZh: `实施主体 ${c} 不存在或不在管辖范围内` });
        else subjectIds.push(s.id);
      }
      const laws = splitList(v.lawNames ?? '');
      const arts = splitList(v.lawArticles ?? '');
      const vers = splitList(v.lawVersions ?? '');
      const froms = splitList(v.lawEffectiveFrom ?? '');
      if (laws.length !== arts.length || laws.length !== vers.length || laws.length !== froms.length) {
        errors.push({ sheet: main.name, row: r.row, column: '法律依据名称', message: 'law names, articles, versions and dates must have the same number of entries', messageZh: '法律依据名称、条款、版本、施行日期的个数须一致' });
      }
      const majorTypes = splitList(v.majorPenaltyTypes ?? '').map((x) => fromOption(OPTIONS.penalty, x));
      const majorFine = parseNumber(v.majorFineAtLeast ?? '');
      const hearingInd = parseNumber(v.hearingFineIndividual ?? '');
      const hearingOrg = parseNumber(v.hearingFineOrganisation ?? '');
      const itemTiers = (tiersByCode.get(v.code ?? '') ?? []).map((t) => ({
        row: t.row,
        value: {
          level: fromOption(OPTIONS.tier, t.values.level ?? ''),
          circumstance: t.values.circumstance,
          penaltyTypes: splitList(t.values.penaltyTypes ?? '').map((x) => fromOption(OPTIONS.penalty, x)),
          fineMin: parseNumber(t.values.fineMin ?? ''),
          fineMax: parseNumber(t.values.fineMax ?? ''),
          ...(t.values.description ? { description: t.values.description } : {}),
        },
      }));
      const candidate = {
        code: v.code,
        name: v.name,
        category: fromOption(OPTIONS.category, v.category ?? ''),
        sector: fromOption(OPTIONS.sector, v.sector ?? ''),
        subjectIds: subjectIds.length === subjectCodes.length ? subjectIds : subjectIds.length ? subjectIds : [],
        legalBasis: laws.map((law, k) => ({ law, article: arts[k] ?? '', version: vers[k] ?? '', effectiveFrom: froms[k] ?? '' })),
        avRequirements: Object.fromEntries(splitList(v.avRequired ?? '').map((x) => [fromOption(OPTIONS.av, x), 'required'])),
        randomInspection: parseBool(v.randomInspection ?? ''),
        majorCriteria: majorTypes.length || majorFine !== null || v.majorOther ? { penaltyTypes: majorTypes, fineAtLeast: majorFine, other: splitList(v.majorOther ?? '') } : null,
        hearingThresholds: hearingInd !== null || hearingOrg !== null ? { fineIndividualAtLeast: hearingInd, fineOrganisationAtLeast: hearingOrg, penaltyTypes: [] } : null,
        serviceGuide:
          v.guideConditions || v.guideMaterials || v.guideTimeLimit || v.guideFees
            ? { conditions: v.guideConditions ?? '', materials: splitList(v.guideMaterials ?? ''), timeLimitDays: parseNumber(v.guideTimeLimit ?? ''), timeLimitDayType: v.guideTimeLimit ? 'WORKING' : null, fees: v.guideFees ?? '' }
            : null,
        flowchart: splitList(v.flowchart ?? '').map((step) => ({ step })),
        discretionTiers: itemTiers.map((t) => t.value),
        exemptions: v.firstViolationExempt ? [{ kind: 'first_violation', circumstance: v.firstViolationExempt, conditions: '初次违法且危害后果轻微并及时改正（行政处罚法第三十三条）' }] : [],
      };
      const parsed = schemas.ItemInput.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          if (issue.path[0] === 'discretionTiers' && typeof issue.path[1] === 'number') {
            // Report tier problems on the tier sheet's own row.
            const t = itemTiers[issue.path[1]];
            const key = String(issue.path[2] ?? 'circumstance');
            const header = TIER_SHEET.columns.find((c) => c.key === key)?.header ?? key;
            const col = TIER_SHEET.columns.find((c) => c.key === key);
            errors.push({ sheet: TIER_SHEET.name, row: t?.row ?? 0, column: header, message: issue.message, messageZh: zodIssueZh(issue, col?.options) });
          } else if (!(issue.path[0] === 'subjectIds' && subjectCodes.length > 0)) {
            errors.push(...issuesToErrors(main, r.row, [issue], columnOfItem));
          }
        }
      } else rows.push(parsed.data);
      await tick(i);
    }
    dupCheck(sheet.rows, main, 'code', errors);
    const existing = await deps.items.existingCodes(rows.map((x) => x.code));
    for (const code of existing) errors.push({ sheet: main.name, row: sheet.rows[sheet.rows.findIndex((r) => r.values.code === code)]?.row ?? 0, column: '事项编码', message: 'item code already exists', messageZh: '事项编码已存在' });
    return { prepared: { kind, rows }, errors, total };
  }

  /** Duplicate values of a unique column within the file. */
  function dupCheck(rows: { row: number; values: Record<string, string> }[], spec: SheetSpec, key: string, errors: ImportError[]) {
    const seen = new Map<string, number>();
    const header = spec.columns.find((c) => c.key === key)?.header ?? key;
    for (const r of rows) {
      const v = (r.values[key] ?? '').toUpperCase();
      if (!v) continue;
      if (seen.has(v)) errors.push({ sheet: spec.name, row: r.row, column: header, message: `duplicate of row ${seen.get(v)}`, messageZh: `与第${seen.get(v)}行重复` });
      else seen.set(v, r.row);
    }
  }

  /** All or nothing: one transaction for the whole file. */
  async function write(actor: Actor, prepared: Prepared, meta: { requestId?: string }) {
    return db.transaction(async (tx) => {
      switch (prepared.kind) {
        case 'regions':
          for (const r of prepared.rows) await deps.regions.create(actor, r, meta, tx);
          return { created: prepared.rows.length };
        case 'subjects':
          for (const r of prepared.rows) await deps.subjects.create(actor, r, meta, tx);
          return { created: prepared.rows.length };
        case 'officers': {
          let certs = 0;
          for (const r of prepared.rows) {
            const o = await deps.officers.create(actor, r.officer, meta, tx);
            if (r.certificate) {
              await deps.officers.addCertificate(actor, o.id, r.certificate, meta, tx);
              certs++;
            }
          }
          return { created: prepared.rows.length, certificates: certs };
        }
        case 'items':
          await deps.items.insertMany(tx, actor, prepared.rows, meta);
          return { created: prepared.rows.length };
      }
    });
  }

  async function process(importId: string) {
    const [r] = await db.select().from(imports).where(eq(imports.id, importId));
    if (!r || (r.status !== 'queued' && r.status !== 'validating')) return;
    const actor = await actorFor(r);
    await setProgress(importId, { status: 'validating', phase: 'validating', processedRows: 0 });
    try {
      const data = await blobs.get(r.blobId);
      const { prepared, errors, total } = await validate(actor, r.kind as ImportKind, data, (n, t) => setProgress(importId, { processedRows: n, totalRows: t }));
      if (errors.length) {
        errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet.localeCompare(b.sheet)));
        await setProgress(importId, { status: 'failed', phase: 'validated', totalRows: total, processedRows: total, errors: errors.slice(0, MAX_ERRORS) as never, summary: { errorCount: errors.length, written: 0 }, finishedAt: clock.now() });
        return;
      }
      await setProgress(importId, { status: 'writing', phase: 'writing', totalRows: total, processedRows: total });
      const summary = await write(actor, prepared, { requestId: `import:${importId}` });
      await setProgress(importId, { status: 'succeeded', phase: 'done', summary: { ...summary, errorCount: 0 }, finishedAt: clock.now() });
    } catch (e) {
      const err = e instanceof AppError ? e : null;
      await setProgress(importId, {
        status: 'failed',
        phase: 'error',
        errors: [{ sheet: '-', row: 0, column: '-', message: err?.message ?? 'the import failed; nothing was written', messageZh: err?.messageZh ?? '导入失败，未写入任何数据' }] as never,
        summary: { errorCount: 1, written: 0 },
        finishedAt: clock.now(),
      });
      if (!err) throw e;
    }
  }

  return {
    registerHandlers() {
      jobs.register('registry.import', async (p) => {
        await process(String(p.importId));
      });
    },

    async template(actor: Actor, kind: ImportKind) {
      requirePermission(actor, 'registry.read');
      return buildWorkbook(SHEETS[kind].map((spec) => ({ spec, rows: [] })), INSTRUCTIONS);
    },

    /** Store the file, queue validation; the client polls progress. */
    async start(actor: Actor, kind: ImportKind, fileName: string, data: Buffer) {
      requirePermission(actor, PERMISSION[kind]);
      const { id: blobId } = await blobs.put(data);
      const id = crypto.randomUUID();
      await db.transaction(async (tx) => {
        await tx.insert(imports).values({ id, kind, fileName: fileName.slice(0, 200), blobId, createdBy: actor.userId, agencyId: actor.agencyId, regionPath: actor.regionPath });
        await jobs.enqueue(tx, 'registry.import', { importId: id });
        await deps.audit.recordChange(tx, { actor, entityType: 'import', entityId: id, action: 'upload', after: { kind, fileName, blobId }, regionPath: actor.regionPath, agencyId: actor.agencyId });
      });
      return id;
    },

    async get(actor: Actor, id: string) {
      const [r] = await db.select().from(imports).where(and(eq(imports.id, id), eq(imports.createdBy, actor.userId)));
      if (!r) throw new AppError('NOT_FOUND');
      return importOut(r);
    },

    process,

    /** Export the caller's visible records in the import template's format (round-trips through import). */
    async exportKind(actor: Actor, kind: ImportKind, q: Record<string, string | undefined>) {
      requirePermission(actor, 'registry.read');
      const pageSize = 200;
      const collect = async <T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>) => {
        const out: T[] = [];
        for (let page = 1; ; page++) {
          const r = await fetch(page);
          out.push(...r.items);
          if (out.length >= r.total || r.items.length === 0 || out.length >= 100_000) break;
        }
        return out;
      };
      if (kind === 'regions') {
        const rows = await collect((page) => deps.regions.list({ page, pageSize, under: q.under, level: q.level ? Number(q.level) : undefined }));
        return buildWorkbook([{ spec: REGION_SHEET, rows: rows.map((r) => ({ code: r.code, name: r.name, level: OPTIONS.level[String(r.level) as '1'] ?? r.level, parentCode: r.parentCode })) }], INSTRUCTIONS);
      }
      if (kind === 'subjects') {
        const rows = await collect((page) => deps.subjects.list(actor, { page, pageSize, q: q.q, sector: q.sector, kind: q.kind, status: q.status, regionCode: q.regionCode }));
        const bureauUscc = new Map(rows.map((r) => [r.id, r.uscc]));
        return buildWorkbook(
          [
            {
              spec: SUBJECT_SHEET,
              rows: rows.map((r) => ({
                name: r.name,
                shortName: r.shortName,
                uscc: r.uscc,
                regionCode: r.regionCode,
                kind: OPTIONS.kind[r.kind as 'statutory'] ?? r.kind,
                form: OPTIONS.form[r.form as 'agency'] ?? r.form,
                sector: OPTIONS.sector[r.sector] ?? r.sector,
                legalBasis: r.legalBasis,
                supervisingBureau: r.supervisingBureauId ? (bureauUscc.get(r.supervisingBureauId) ?? null) : null,
                address: r.address,
                phone: r.phone,
                officeHours: r.officeHours,
                complaintPhone: r.complaintPhone,
              })),
            },
          ],
          INSTRUCTIONS,
        );
      }
      if (kind === 'officers') {
        const rows = await collect((page) => deps.officers.list(actor, { page, pageSize, q: q.q, agencyId: q.agencyId, personnelType: q.personnelType }));
        const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
        const usccOf = new Map((agencyIds.length ? await db.select({ id: registryTables.subjects.id, uscc: registryTables.subjects.uscc }).from(registryTables.subjects).where(inArray(registryTables.subjects.id, agencyIds)) : []).map((s) => [s.id, s.uscc]));
        return buildWorkbook(
          [
            {
              spec: OFFICER_SHEET,
              // The full ID number leaves the system only for administrators; others get the masked form.
              rows: rows.map((r) => ({
                name: r.name,
                idNumber: r.idNumber ?? r.idNumberMasked,
                agency: usccOf.get(r.agencyId) ?? null,
                post: r.post,
                personnelType: OPTIONS.personnelType[r.personnelType as 'auxiliary'] ?? r.personnelType,
                phone: r.phone,
                education: r.education,
                hasLegalQualification: r.hasLegalQualification ? '是' : '否',
                legalQualificationNo: r.legalQualificationNo,
                isLegalReviewer: r.isLegalReviewer ? '是' : '否',
                certNumber: r.certificateSummary?.number ?? null,
                certCategories: r.certificateSummary?.categories.map((c) => OPTIONS.sector[c] ?? c).join(';') ?? null,
                certArea: r.certificateSummary?.areaCode ?? null,
                certIssuedBy: null,
                certIssuedOn: null,
                certExpiresOn: r.certificateSummary?.expiresOn ?? null,
              })),
            },
          ],
          INSTRUCTIONS,
        );
      }
      const rows = await collect((page) => deps.items.list(actor, { page, pageSize, q: q.q, category: q.category, sector: q.sector, list: q.list as never, subjectId: q.subjectId }));
      const subjectIds = [...new Set(rows.flatMap((r) => r.subjectIds))];
      const usccOf = new Map((subjectIds.length ? await db.select({ id: registryTables.subjects.id, uscc: registryTables.subjects.uscc }).from(registryTables.subjects).where(inArray(registryTables.subjects.id, subjectIds)) : []).map((s) => [s.id, s.uscc]));
      const labels = (codes: string[], m: Record<string, string>) => codes.map((c) => m[c] ?? c).join(';');
      return buildWorkbook(
        [
          {
            spec: ITEM_SHEET,
            rows: rows.map((r) => ({
              code: r.code,
              name: r.name,
              category: OPTIONS.category[r.category as 'penalty'] ?? r.category,
              sector: OPTIONS.sector[r.sector] ?? r.sector,
              subjects: r.subjectIds.map((id) => usccOf.get(id) ?? '').join(';'),
              lawNames: r.legalBasis.map((b) => b.law).join(';'),
              lawArticles: r.legalBasis.map((b) => b.article).join(';'),
              lawVersions: r.legalBasis.map((b) => b.version).join(';'),
              lawEffectiveFrom: r.legalBasis.map((b) => b.effectiveFrom).join(';'),
              avRequired: labels(Object.entries(r.avRequirements).filter(([, v]) => v === 'required').map(([k]) => k), OPTIONS.av),
              randomInspection: r.randomInspection ? '是' : '否',
              majorPenaltyTypes: r.majorCriteria ? labels(r.majorCriteria.penaltyTypes, OPTIONS.penalty) : null,
              majorFineAtLeast: r.majorCriteria?.fineAtLeast ?? null,
              majorOther: r.majorCriteria?.other.join(';') ?? null,
              hearingFineIndividual: r.hearingThresholds?.fineIndividualAtLeast ?? null,
              hearingFineOrganisation: r.hearingThresholds?.fineOrganisationAtLeast ?? null,
              guideConditions: r.serviceGuide?.conditions ?? null,
              guideMaterials: r.serviceGuide?.materials.join(';') ?? null,
              guideTimeLimit: r.serviceGuide?.timeLimitDays ?? null,
              guideFees: r.serviceGuide?.fees ?? null,
              flowchart: r.flowchart.map((f) => f.step).join(';'),
              firstViolationExempt: r.exemptions.find((e) => e.kind === 'first_violation')?.circumstance ?? null,
            })),
          },
          {
            spec: TIER_SHEET,
            rows: rows.flatMap((r) =>
              r.discretionTiers.map((t) => ({
                itemCode: r.code,
                level: OPTIONS.tier[t.level as 'light'] ?? t.level,
                circumstance: t.circumstance,
                penaltyTypes: labels(t.penaltyTypes, OPTIONS.penalty),
                fineMin: t.fineMin ?? null,
                fineMax: t.fineMax ?? null,
                description: t.description ?? null,
              })),
            ),
          },
        ],
        INSTRUCTIONS,
      );
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
