import { AppError, ITEM_CATEGORY_LABELS, searchQuery, SECTORS, type ItemCategory } from '@zhifa/domain';
import { and, asc, desc, eq, gte, inArray, isNull, like, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escapeLike } from '../../lib/actor.ts';
import { chinaDate, type Clock } from '../../lib/clock.ts';
import { ITEM_LISTS, registryTables, type ItemList } from '../registry/index.ts';
import { publications, publicationWithdrawals } from './publicity.schema.ts';

const { subjects, officers, certificates, items, itemSubjects, regions } = registryTables;

const isLatest = sql`not exists (select 1 from ${publications} p2 where p2.case_id = ${publications.caseId} and p2.seq > ${publications.seq})`;
const notWithdrawn = sql`not exists (select 1 from ${publicationWithdrawals} w where w.publication_id = ${publications.id})`;

/** How many of the newest filtered decisions a text search reads in order before it asks the GIN index (listDecisions). */
const SEARCH_WINDOW = 5_000;
/**
 * Totals are counted up to this (10 pages of 20): counting a broad search exactly over a million rows costs more than
 * the page itself; `totalIsCapped` says the list goes on.
 */
const TOTAL_CAP = 200;

/** Newest decisions first (then newest publication): the order of publications_decided_order_idx, read backwards. */
const newestFirst = [desc(publications.decidedOn), desc(publications.publishedAt), desc(publications.id)];

const sectorLabel = (code: string) => SECTORS.find((s) => s.code === code)?.zh ?? code;

export interface DecisionQuery {
  q?: string | undefined;
  region?: string | undefined;
  agencyId?: string | undefined;
  category?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/** Columns a list shows; the full text is only in the detail (keeps a page of results small). */
const listCols = {
  id: publications.id,
  title: publications.title,
  agencyId: publications.agencyId,
  agencyName: publications.agencyName,
  regionName: publications.regionName,
  category: publications.category,
  decisionNo: publications.decisionNo,
  partyName: publications.partyName,
  itemName: publications.itemName,
  result: publications.result,
  decidedOn: publications.decidedOn,
  publishedOn: publications.publishedOn,
};

/**
 * The public read side (公示平台): it reads only the publicity module's own tables for decisions, and the registry's
 * published rows for before-enforcement data — never the case tables (design rule: only publicity writes what the
 * portal shows). Nothing here needs a login; nothing here returns an ID number or a natural person's contact.
 */
export function createPublicReadService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  /**
   * A decision is shown while its display period runs (SAMR 行政处罚信息公示规定 Art.14: 3 months for 通报批评 or a
   * lower-amount fine, 3 years otherwise; `displayUntil` is fixed at publication). After it, lists, search, feeds and
   * open data no longer carry it, and its page says only that the period has ended.
   */
  const displayed = () => gte(publications.displayUntil, chinaDate(clock.now()));

  async function regionPathOf(code: string): Promise<string | null> {
    const [r] = await db.select({ path: regions.path }).from(regions).where(eq(regions.code, code));
    return r?.path ?? null;
  }

  /** The filters without the text query, and the text condition apart (the search below treats them differently). */
  async function decisionFilters(q: DecisionQuery): Promise<{ base: SQL | undefined; text: SQL | null }> {
    const conds: (SQL | undefined)[] = [isLatest, notWithdrawn, displayed()];
    const tsq = q.q ? searchQuery(q.q) : null;
    if (q.region) {
      const path = await regionPathOf(q.region);
      conds.push(path ? like(publications.regionPath, `${escapeLike(path)}%`) : sql`false`);
    }
    if (q.agencyId) conds.push(eq(publications.agencyId, q.agencyId));
    if (q.category) conds.push(eq(publications.category, q.category));
    if (q.from) conds.push(gte(publications.decidedOn, q.from));
    if (q.to) conds.push(lte(publications.decidedOn, q.to));
    return { base: and(...conds), text: tsq ? sql`${publications.searchTsv} @@ to_tsquery('simple', ${tsq})` : null };
  }

  async function decisionWhere(q: DecisionQuery): Promise<SQL | undefined> {
    const { base, text } = await decisionFilters(q);
    return text ? and(base, text) : base;
  }

  return {
    /**
     * Search and list published decisions, newest first; ids are the publication's UUID (stable: a correction is a new
     * id, the old one stays readable and says what superseded it). The total is counted up to TOTAL_CAP so that a broad
     * query over a million rows stays fast; `totalIsCapped` says when it was cut.
     */
    async listDecisions(q: DecisionQuery) {
      const { base, text } = await decisionFilters(q);
      const offset = (q.page - 1) * q.pageSize;
      const where = text ? and(base, text) : base;
      const plain = () => db.select(listCols).from(publications).where(where).orderBy(...newestFirst).limit(q.pageSize).offset(offset);
      const capped = () => db.select({ n: sql<number>`count(*)::int` }).from(db.select({ one: sql`1` }).from(publications).where(where).limit(TOTAL_CAP + 1).as('c'));
      if (!text) {
        const [rows, [c]] = await Promise.all([plain(), capped()]);
        const n = c?.n ?? 0;
        return { items: rows, total: Math.min(n, TOTAL_CAP), totalIsCapped: n > TOTAL_CAP, page: q.page, pageSize: q.pageSize };
      }
      // Bigrams of one word are correlated, so PostgreSQL takes '保健 & 健食 & 食品' for a rare match and sorts every hit of
      // the GIN index (80,000 rows at a million decisions: over a second). Most searches match often: read the newest
      // WINDOW rows of the filters in index order and test the text on them; a page found there is exactly the first
      // page of all matches (any other match is older). Only a search rare within the window falls back to the GIN
      // index, which is then cheap because such a search matches few rows.
      const win = db
        .select({ ...listCols, publishedAt: publications.publishedAt, tsv: publications.searchTsv })
        .from(publications)
        .where(base)
        .orderBy(...newestFirst)
        .limit(SEARCH_WINDOW)
        .as('w');
      const inWindow = (sel: SQL) => db.select({ v: sel }).from(win).where(sql`${win.tsv} @@ to_tsquery('simple', ${searchQuery(q.q!)})`);
      const [windowRows, [wc]] = await Promise.all([
        db
          .select(Object.fromEntries(Object.keys(listCols).map((k) => [k, win[k as keyof typeof listCols]])) as unknown as typeof listCols)
          .from(win)
          .where(sql`${win.tsv} @@ to_tsquery('simple', ${searchQuery(q.q!)})`)
          .limit(q.pageSize)
          .offset(offset),
        db.select({ n: sql<number>`count(*)::int` }).from(inWindow(sql`1`).limit(TOTAL_CAP + 1).as('c')),
      ]);
      const windowCount = wc?.n ?? 0;
      if (windowCount > TOTAL_CAP) return { items: windowRows, total: TOTAL_CAP, totalIsCapped: true, page: q.page, pageSize: q.pageSize };
      const [rows, [c]] = await Promise.all([windowRows.length === q.pageSize ? Promise.resolve(windowRows) : plain(), capped()]);
      const n = c?.n ?? 0;
      return { items: rows, total: Math.min(n, TOTAL_CAP), totalIsCapped: n > TOTAL_CAP, page: q.page, pageSize: q.pageSize };
    },

    /** All matching decisions for export (CSV/JSON), capped so an export cannot exhaust the server. */
    async exportDecisions(q: Omit<DecisionQuery, 'page' | 'pageSize'>, limit = 5000) {
      const where = await decisionWhere({ ...q, page: 1, pageSize: limit });
      return db
        .select({ ...listCols, facts: publications.facts, legalBasis: publications.legalBasis, partyCode: publications.partyCode, fineAmount: publications.fineAmount, contentHash: publications.contentHash })
        .from(publications)
        .where(where)
        .orderBy(...newestFirst)
        .limit(limit);
    },

    /** One decision — also a withdrawn or superseded one, which then says so and why (行政处罚法 Art.48). */
    async getDecision(id: string) {
      const [row] = await db
        .select({ p: publications, w: publicationWithdrawals })
        .from(publications)
        .leftJoin(publicationWithdrawals, eq(publicationWithdrawals.publicationId, publications.id))
        .where(eq(publications.id, id));
      if (!row) throw new AppError('NOT_FOUND');
      const [next] = await db
        .select({ id: publications.id })
        .from(publications)
        .where(and(eq(publications.caseId, row.p.caseId), sql`${publications.seq} > ${row.p.seq}`))
        .orderBy(asc(publications.seq))
        .limit(1);
      const p = row.p;
      // Past its display period: the record's identity (number, agency, dates, hash) stays citable, its content does not.
      const ended = p.displayUntil < chinaDate(clock.now());
      if (ended) {
        return {
          id: p.id,
          title: p.title,
          agencyId: p.agencyId,
          agencyName: p.agencyName,
          regionName: p.regionName,
          category: p.category,
          decisionNo: p.decisionNo,
          partyType: p.partyType,
          partyName: '',
          partyCode: null,
          itemName: '',
          facts: '',
          legalBasis: '',
          result: '',
          penaltyTypes: [],
          fineAmount: null,
          decidedOn: p.decidedOn,
          publishedOn: p.publishedOn,
          displayUntil: p.displayUntil,
          displayEnded: true,
          contentHash: p.contentHash,
          supersedes: p.supersedes,
          supersededBy: next?.id ?? null,
          withdrawal: row.w ? { reasonCode: row.w.reasonCode, publicReason: row.w.publicReason, withdrawnAt: row.w.withdrawnAt.toISOString() } : null,
        };
      }
      return {
        id: p.id,
        title: p.title,
        agencyId: p.agencyId,
        agencyName: p.agencyName,
        regionName: p.regionName,
        category: p.category,
        decisionNo: p.decisionNo,
        partyType: p.partyType,
        partyName: p.partyName,
        partyCode: p.partyCode,
        itemName: p.itemName,
        facts: p.facts,
        legalBasis: p.legalBasis,
        result: p.result,
        penaltyTypes: p.penaltyTypes,
        fineAmount: p.fineAmount,
        decidedOn: p.decidedOn,
        publishedOn: p.publishedOn,
        displayUntil: p.displayUntil,
        displayEnded: false,
        contentHash: p.contentHash,
        supersedes: p.supersedes,
        supersededBy: next?.id ?? null,
        withdrawal: row.w ? { reasonCode: row.w.reasonCode, publicReason: row.w.publicReason, withdrawnAt: row.w.withdrawnAt.toISOString() } : null,
      };
    },

    async latestDecisions(limit: number, category?: string | undefined) {
      return db
        .select({ ...listCols, publishedAt: publications.publishedAt })
        .from(publications)
        .where(and(isLatest, notWithdrawn, displayed(), category ? eq(publications.category, category) : undefined))
        .orderBy(desc(publications.publishedAt), desc(publications.id))
        .limit(limit);
    },

    // ---- before enforcement (事前公开, domain-rules §2.1 P1-P5) ------------------------------------------------------
    /** Published enforcement subjects with their office address, hours and phones (P2 item 1). */
    async subjects(q: { region?: string | undefined; sector?: string | undefined }) {
      const conds: (SQL | undefined)[] = [eq(subjects.published, true), isNull(subjects.withdrawnAt), inArray(subjects.status, ['confirmed', 'announced'])];
      if (q.sector) conds.push(eq(subjects.sector, q.sector));
      if (q.region) {
        const path = await regionPathOf(q.region);
        conds.push(path ? like(subjects.regionPath, `${escapeLike(path)}%`) : sql`false`);
      }
      const rows = await db
        .select({
          id: subjects.id,
          name: subjects.name,
          kind: subjects.kind,
          sector: subjects.sector,
          regionCode: subjects.regionCode,
          regionName: regions.name,
          legalBasis: subjects.legalBasis,
          address: subjects.address,
          phone: subjects.phone,
          officeHours: subjects.officeHours,
          complaintPhone: subjects.complaintPhone,
          updatedAt: subjects.updatedAt,
        })
        .from(subjects)
        .leftJoin(regions, eq(regions.code, subjects.regionCode))
        .where(and(...conds))
        .orderBy(asc(subjects.regionPath), asc(subjects.name))
        .limit(1000);
      return withUpdated(rows.map((r) => ({ ...r, sectorName: sectorLabel(r.sector) })));
    },

    /**
     * Officers' public cards (P2 item 3): name, unit, post, certificate number, category, area — never the ID number,
     * phone or birth date, which are not even selected here.
     */
    async officers(q: { agencyId?: string | undefined; name?: string | undefined; page: number; pageSize: number }) {
      const conds: (SQL | undefined)[] = [eq(officers.published, true), isNull(officers.withdrawnAt), eq(officers.onDuty, true), eq(certificates.status, 'active')];
      if (q.agencyId) conds.push(eq(officers.agencyId, q.agencyId));
      if (q.name) conds.push(like(officers.name, `${escapeLike(q.name)}%`));
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db
          .select({
            id: officers.id,
            name: officers.name,
            agencyId: officers.agencyId,
            agencyName: subjects.name,
            post: officers.post,
            hasPhoto: sql<boolean>`${officers.photoBlob} is not null`,
            certificateNo: certificates.number,
            categories: certificates.categories,
            areaCode: certificates.areaCode,
            areaName: regions.name,
            expiresOn: certificates.expiresOn,
            updatedAt: officers.updatedAt,
          })
          .from(officers)
          .innerJoin(certificates, eq(certificates.officerId, officers.id))
          .leftJoin(subjects, eq(subjects.id, officers.agencyId))
          .leftJoin(regions, eq(regions.code, certificates.areaCode))
          .where(where)
          .orderBy(asc(officers.agencyId), asc(officers.name), asc(certificates.number))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(officers).innerJoin(certificates, eq(certificates.officerId, officers.id)).where(where),
      ]);
      const mapped = rows.map((r) => ({ ...r, agencyName: r.agencyName ?? '', categoryNames: r.categories.map(sectorLabel) }));
      return { ...withUpdated(mapped), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Items with legal basis, service guide, flow, time limits and materials (P1, P3, P4); `list` picks the random-
     * inspection (random), audio-video (av), legal-review (major) lists or the discretion benchmarks (discretion).
     */
    async items(q: { list?: ItemList | undefined; agencyId?: string | undefined; category?: string | undefined; q?: string | undefined; page: number; pageSize: number }) {
      const conds: (SQL | undefined)[] = [eq(items.published, true), isNull(items.withdrawnAt), eq(items.status, 'active')];
      if (q.list) conds.push(ITEM_LISTS[q.list]);
      if (q.category) conds.push(eq(items.category, q.category));
      if (q.q) conds.push(like(items.name, `%${escapeLike(q.q)}%`));
      if (q.agencyId) conds.push(inArray(items.id, db.select({ id: itemSubjects.itemId }).from(itemSubjects).where(eq(itemSubjects.subjectId, q.agencyId))));
      const where = and(...conds);
      const [rows, [c]] = await Promise.all([
        db.select().from(items).where(where).orderBy(asc(items.code)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(items).where(where),
      ]);
      const ids = rows.map((r) => r.id);
      const subs = ids.length
        ? await db.select({ itemId: itemSubjects.itemId, id: subjects.id, name: subjects.name }).from(itemSubjects).innerJoin(subjects, eq(subjects.id, itemSubjects.subjectId)).where(inArray(itemSubjects.itemId, ids))
        : [];
      const mapped = rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        category: r.category,
        categoryName: ITEM_CATEGORY_LABELS[r.category as ItemCategory]?.zh ?? r.category,
        sector: r.sector,
        sectorName: sectorLabel(r.sector),
        legalBasis: r.legalBasis.map((b) => ({ law: b.law, article: b.article, version: b.version })),
        serviceGuide: r.serviceGuide,
        flowchart: r.flowchart,
        randomInspection: r.randomInspection,
        avRequirements: r.avRequirements,
        isMajorReview: r.majorCriteria != null,
        discretionTiers: r.discretionTiers,
        subjects: subs.filter((s) => s.itemId === r.id).map((s) => ({ id: s.id, name: s.name })),
        updatedAt: r.updatedAt,
      }));
      return { ...withUpdated(mapped), total: c?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /** Public subject ids by sector, nearest the given region first: where a complaint about that sector goes. */
    async responsibleAgency(sector: string, regionCode?: string | undefined): Promise<{ id: string; name: string; regionPath: string } | null> {
      const path = regionCode ? await regionPathOf(regionCode) : null;
      const rows = await db
        .select({ id: subjects.id, name: subjects.name, regionPath: subjects.regionPath })
        .from(subjects)
        .where(and(eq(subjects.sector, sector), isNull(subjects.withdrawnAt), eq(subjects.published, true)))
        .orderBy(asc(sql`length(${subjects.regionPath})`), asc(subjects.name));
      if (!rows.length) return null;
      // The deepest subject whose region contains the place; otherwise the highest-level one of the sector.
      const containing = path ? rows.filter((r) => path.startsWith(r.regionPath)).sort((a, b) => b.regionPath.length - a.regionPath.length) : [];
      return containing[0] ?? rows[0]!;
    },

    async publicSubject(id: string) {
      const [s] = await db.select({ id: subjects.id, name: subjects.name, regionPath: subjects.regionPath }).from(subjects).where(and(eq(subjects.id, id), eq(subjects.published, true), isNull(subjects.withdrawnAt)));
      return s ?? null;
    },

    sectors() {
      return SECTORS.map((s) => ({ code: s.code, zh: s.zh, en: s.en }));
    },
  };
}
export type PublicReadService = ReturnType<typeof createPublicReadService>;

/** Each before-publicity list says when it last changed (P1 Sys: "with an updated-at stamp"). */
function withUpdated<T extends { updatedAt: Date }>(rows: T[]) {
  const last = rows.reduce<Date | null>((m, r) => (!m || r.updatedAt > m ? r.updatedAt : m), null);
  return { items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })), lastUpdated: last?.toISOString() ?? null };
}
