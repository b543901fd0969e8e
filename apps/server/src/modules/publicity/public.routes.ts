import { AppError, COMMAND_EVENT_KINDS, COMPLAINT_TRACKING_RE, DECISION_CATEGORIES, SECTOR_CODES } from '@zhifa/domain';
import type { CommandService } from '../command/index.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams, meta, Pagination } from '../../lib/http.ts';
import type { ComplaintService } from './complaints.service.ts';
import type { PublicReadService } from './public.service.ts';
import type { PublicityService } from './publicity.service.ts';
import { decisionsCsv, decisionsAtom } from './open-data.ts';

const pub = { public: true } as const;
const errs = { 400: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse };
const isoDate = z.iso.date();

const DecisionFilters = z.object({
  q: z.string().trim().max(100).optional().describe('full-text query; two-character words match (罚款, 食品); terms separated by spaces must all match'),
  region: z.string().regex(/^\d{6}(\d{3})?$/).optional().describe('region code (GB/T 2260): decisions of agencies in that region and below'),
  agencyId: z.uuid().optional(),
  category: z.enum(DECISION_CATEGORIES).optional(),
  from: isoDate.optional().describe('decided on or after'),
  to: isoDate.optional().describe('decided on or before'),
});

const DecisionItem = z.object({
  id: z.uuid(),
  title: z.string(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  regionName: z.string().nullable(),
  category: z.string(),
  decisionNo: z.string().nullable(),
  partyName: z.string(),
  itemName: z.string(),
  result: z.string(),
  decidedOn: z.string(),
  publishedOn: z.string(),
});
const DecisionDetail = DecisionItem.extend({
  partyType: z.string(),
  partyCode: z.string().nullable(),
  facts: z.string(),
  legalBasis: z.string(),
  penaltyTypes: z.array(z.string()),
  fineAmount: z.number().nullable(),
  displayUntil: z.string(),
  displayEnded: z.boolean().describe('the display period has ended: party, facts, basis and result are no longer shown (SAMR 公示规定 Art.14)'),
  contentHash: z.string().describe('SHA-256 of the canonical public content; the same hash is in the tamper-evident log'),
  supersedes: z.uuid().nullable(),
  supersededBy: z.uuid().nullable(),
  withdrawal: z.object({ reasonCode: z.string(), publicReason: z.string(), withdrawnAt: z.string() }).nullable(),
});

const ComplaintBody = z
  .object({
    kind: z.enum(['complaint', 'report', 'enforcement']).default('complaint').describe('consumer complaint, report of a violation, complaint about enforcement'),
    agencyId: z.uuid().optional(),
    sector: z.enum(SECTOR_CODES).optional(),
    regionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
    subject: z.string().trim().min(2).max(200).describe('who or what the complaint is about'),
    content: z.string().trim().min(10).max(5000),
    location: z.string().trim().max(300).optional(),
    contactName: z.string().trim().max(50).optional(),
    contactPhone: z.string().trim().max(30).optional(),
  })
  .refine((b) => b.agencyId || b.sector, { message: 'agencyId or sector is required', path: ['agencyId'] });

const TrackingNo = z.string().regex(COMPLAINT_TRACKING_RE);

/** GeoReport v2 status words: a complaint is "open" until it is closed or rejected. */
const open311Status = (s: string): 'open' | 'closed' => (s === 'closed' || s === 'rejected' ? 'closed' : 'open');

/**
 * /api/v1/public — the open API of the publicity portal (no login). Decisions (search, one, CSV/JSON export, Atom),
 * before-enforcement lists with their last-updated time, complaints with tracking, and an Open311 GeoReport v2 face.
 */
/** The command centre's intake as the public sees it (综合执法指挥, issue #7): city-management reports go to the grid team. */
type CitizenIntake = Pick<CommandService, 'locateAgency' | 'reportFromCitizen' | 'publicStatus'>;
const CM_PREFIX = 'cm.';
const EVENT_NO = /^SJ\d{8}[0-9A-Z]{6}$/;

export function publicRoutes(r: PublicReadService, complaints: ComplaintService, publicity: Pick<PublicityService, 'requestCorrection'>, command: CitizenIntake): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/decisions',
      {
        config: pub,
        schema: {
          tags: ['public'],
          security: [],
          summary: 'Published enforcement decisions: search (bigram full text) with filters, newest first, paginated; ids are stable',
          querystring: Pagination.extend(DecisionFilters.shape),
          response: { 200: z.object({ items: z.array(DecisionItem), total: z.number(), totalIsCapped: z.boolean(), page: z.number(), pageSize: z.number() }), ...errs },
        },
      },
      async (req) => r.listDecisions(req.query),
    );
    app.get(
      '/decisions/export.csv',
      { config: pub, schema: { tags: ['public'], security: [], summary: 'Decisions matching the filters as CSV (UTF-8 with BOM, up to 5,000 rows)', querystring: DecisionFilters, response: { 200: z.string(), ...errs } } },
      async (req, reply) => {
        const rows = await r.exportDecisions(req.query);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', "attachment; filename*=UTF-8''decisions.csv").send(decisionsCsv(rows));
      },
    );
    app.get(
      '/decisions/export.json',
      { config: pub, schema: { tags: ['public'], security: [], summary: 'Decisions matching the filters as JSON (up to 5,000 rows, with full text)', querystring: DecisionFilters, response: { 200: z.array(z.record(z.string(), z.unknown())), ...errs } } },
      async (req) => r.exportDecisions(req.query),
    );
    app.get(
      '/decisions/feed.atom',
      { config: pub, schema: { tags: ['public'], security: [], summary: 'Atom feed of the 50 newest decisions, optionally of one kind (penalty, licence, inspection…)', querystring: z.object({ category: z.enum(DECISION_CATEGORIES).optional() }), response: { 200: z.string() } } },
      async (req, reply) => {
        const rows = await r.latestDecisions(50, req.query.category);
        const base = `${req.protocol}://${req.host}`;
        return reply.type('application/atom+xml; charset=utf-8').send(decisionsAtom(rows, base));
      },
    );
    app.get(
      '/decisions/:id',
      { config: pub, schema: { tags: ['public'], security: [], summary: 'One decision; a withdrawn one carries its public reason, a corrected one the id of its correction', params: IdParams, response: { 200: DecisionDetail, ...errs } } },
      async (req) => r.getDecision(req.params.id),
    );
    app.post(
      '/decisions/:id/corrections',
      {
        config: pub,
        schema: {
          tags: ['public'],
          security: [],
          summary: 'Ask for a correction of a published decision (118号 §二; SAMR 公示规定 Art.12)',
          params: IdParams,
          body: z.object({ text: z.string().trim().min(10).max(2000), contact: z.string().trim().max(100).optional() }),
          response: { 201: z.object({ id: z.uuid(), receivedAt: z.string() }), ...errs },
        },
      },
      async (req, reply) => reply.code(201).send(await publicity.requestCorrection(req.params.id, req.body, meta(req))),
    );

    // ---- before enforcement ----------------------------------------------------------------------------------------------
    const Updated = { lastUpdated: z.string().nullable() };
    app.get(
      '/subjects',
      {
        config: pub,
        schema: {
          tags: ['public'],
          security: [],
          summary: 'Enforcement subjects: legal basis, office address, hours, enquiry and complaint phones (事前公开)',
          querystring: z.object({ region: z.string().regex(/^\d{6}(\d{3})?$/).optional(), sector: z.string().max(40).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  name: z.string(),
                  kind: z.string(),
                  sector: z.string(),
                  sectorName: z.string(),
                  regionCode: z.string(),
                  regionName: z.string().nullable(),
                  legalBasis: z.string(),
                  address: z.string().nullable(),
                  phone: z.string().nullable(),
                  officeHours: z.string().nullable(),
                  complaintPhone: z.string().nullable(),
                  updatedAt: z.string(),
                }),
              ),
              ...Updated,
            }),
          },
        },
      },
      async (req) => r.subjects(req.query),
    );
    app.get(
      '/officers',
      {
        config: pub,
        schema: {
          tags: ['public'],
          security: [],
          summary: "Officers' public cards: name, unit, post, certificate number, category, area (never the ID number)",
          querystring: Pagination.extend({ agencyId: z.uuid().optional(), name: z.string().trim().max(20).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  name: z.string(),
                  agencyId: z.uuid(),
                  agencyName: z.string(),
                  post: z.string(),
                  hasPhoto: z.boolean(),
                  certificateNo: z.string(),
                  categories: z.array(z.string()),
                  categoryNames: z.array(z.string()),
                  areaCode: z.string(),
                  areaName: z.string().nullable(),
                  expiresOn: z.string(),
                  updatedAt: z.string(),
                }),
              ),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
              ...Updated,
            }),
          },
        },
      },
      async (req) => r.officers(req.query),
    );
    app.get(
      '/items',
      {
        config: pub,
        schema: {
          tags: ['public'],
          security: [],
          summary: 'Enforcement items with legal basis, service guide, flow, time limits; list = random | av | major | discretion',
          querystring: Pagination.extend({ list: z.enum(['random', 'av', 'major', 'discretion']).optional(), agencyId: z.uuid().optional(), category: z.string().max(30).optional(), q: z.string().trim().max(50).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.uuid(),
                  code: z.string(),
                  name: z.string(),
                  category: z.string(),
                  categoryName: z.string(),
                  sector: z.string(),
                  sectorName: z.string(),
                  legalBasis: z.array(z.object({ law: z.string(), article: z.string(), version: z.string() })),
                  serviceGuide: z.unknown(),
                  flowchart: z.unknown(),
                  randomInspection: z.boolean(),
                  avRequirements: z.record(z.string(), z.string()),
                  isMajorReview: z.boolean(),
                  discretionTiers: z.unknown(),
                  subjects: z.array(z.object({ id: z.uuid(), name: z.string() })),
                  updatedAt: z.string(),
                }),
              ),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
              ...Updated,
            }),
          },
        },
      },
      async (req) => r.items(req.query),
    );
    app.get(
      '/sectors',
      { config: pub, schema: { tags: ['public'], security: [], summary: 'Enforcement sectors (where a complaint is routed)', response: { 200: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })) } } },
      async () => r.sectors(),
    );

    // ---- complaints ------------------------------------------------------------------------------------------------------
    const StatusOut = z.object({
      trackingNo: z.string(),
      kind: z.string(),
      status: z.string(),
      statusName: z.string(),
      agencyName: z.string(),
      subject: z.string(),
      receivedOn: z.string(),
      acceptDueOn: z.string(),
      answerDueOn: z.string().nullable(),
      channel: z.string(),
      satisfaction: z.number().nullable(),
      canRate: z.boolean(),
      publicReply: z.string().nullable(),
      updatedAt: z.string(),
      history: z.array(z.object({ action: z.string(), toStatus: z.string(), note: z.string().nullable(), occurredAt: z.string() })),
    });
    app.post(
      '/complaints',
      {
        config: pub,
        schema: {
          tags: ['public'],
          security: [],
          summary: 'File a complaint or report (投诉举报); answers a tracking number and a code to follow it — keep the code',
          body: ComplaintBody,
          response: { 201: z.object({ trackingNo: z.string(), code: z.string(), agencyName: z.string(), acceptDueOn: z.string(), status: z.string() }), ...errs },
        },
      },
      async (req, reply) => {
        const { id: _id, ...out } = await complaints.submit({ ...req.body, source: 'web' }, meta(req));
        return reply.code(201).send(out);
      },
    );
    app.get(
      '/complaints/:trackingNo',
      {
        config: pub,
        schema: {
          tags: ['public'],
          security: [],
          summary: 'Status of a complaint: needs the tracking number and the code (a wrong code answers 404)',
          params: z.object({ trackingNo: TrackingNo }),
          querystring: z.object({ code: z.string().regex(/^\d{6}$/) }),
          response: { 200: StatusOut, ...errs },
        },
      },
      async (req) => complaints.status(req.params.trackingNo, req.query.code),
    );
    app.post(
      '/complaints/:trackingNo/satisfaction',
      {
        config: pub,
        schema: {
          tags: ['public'],
          security: [],
          summary: 'Rate the answer (1–5), once, with the tracking number and the code (a wrong code answers 404)',
          params: z.object({ trackingNo: TrackingNo }),
          body: z.object({ code: z.string().regex(/^\d{6}$/), score: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }),
          response: { 200: z.object({ trackingNo: z.string(), satisfaction: z.number() }), ...errs, 409: ErrorResponse },
        },
      },
      async (req) => complaints.rate(req.params.trackingNo, req.body.code, req.body, meta(req)),
    );

    // ---- Open311 GeoReport v2 (JSON) ---------------------------------------------------------------------------------------
    app.get(
      '/open311/v2/services.json',
      {
        config: pub,
        schema: {
          tags: ['open311'],
          security: [],
          summary: 'GeoReport v2 service list: one service per enforcement sector',
          response: { 200: z.array(z.object({ service_code: z.string(), service_name: z.string(), description: z.string(), metadata: z.boolean(), type: z.string(), keywords: z.string(), group: z.string() })) },
        },
      },
      async () => [
        ...r.sectors().map((s) => ({ service_code: s.code, service_name: s.zh, description: `${s.zh}投诉举报 (${s.en})`, metadata: false, type: 'realtime', keywords: s.zh, group: '投诉举报' })),
        // City-management events go to the grid team on duty where they happen (lat/long required).
        ...Object.entries(COMMAND_EVENT_KINDS).map(([code, k]) => ({ service_code: `${CM_PREFIX}${code}`, service_name: k.zh, description: `${k.zh}（城市管理事件，按位置派往所在网格的执法队；须提供经纬度） (${k.en})`, metadata: false, type: 'realtime', keywords: k.zh, group: '城市管理' })),
      ],
    );
    app.post(
      '/open311/v2/requests.json',
      {
        config: pub,
        schema: {
          tags: ['open311'],
          security: [],
          summary: 'GeoReport v2 POST service request (JSON body; form encoding is not accepted yet); the answer carries the tracking number and, as token, the code',
          body: z.object({
            service_code: z.union([z.enum(SECTOR_CODES), z.enum(Object.keys(COMMAND_EVENT_KINDS).map((k) => `${CM_PREFIX}${k}`) as [string, ...string[]])]),
            description: z.string().trim().min(10).max(5000),
            lat: z.coerce.number().min(-90).max(90).optional(),
            long: z.coerce.number().min(-180).max(180).optional(),
            address_string: z.string().trim().max(300).optional(),
            address_id: z.string().max(12).optional().describe('region code of the place (GB/T 2260), used to route'),
            first_name: z.string().trim().max(30).optional(),
            last_name: z.string().trim().max(30).optional(),
            phone: z.string().trim().max(30).optional(),
            email: z.string().trim().max(100).optional(),
          }),
          response: { 201: z.array(z.object({ service_request_id: z.string(), token: z.string().nullable(), service_notice: z.string(), account_id: z.null() })), ...errs },
        },
      },
      async (req, reply) => {
        const b = req.body;
        if (b.service_code.startsWith(CM_PREFIX)) {
          if (b.lat === undefined || b.long === undefined) {
            throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['lat'], message: 'a city-management report needs lat and long', messageZh: '城市管理事件须提供位置（经纬度）。' }] } });
          }
          const agencyId = await command.locateAgency(b.long, b.lat);
          if (!agencyId) {
            throw new AppError('RULE_VIOLATION', {
              message: 'The place lies outside every enforcement grid; file it as a complaint to the responsible department instead.',
              messageZh: '该位置不在任何执法网格内，请改为向主管部门投诉举报。',
              details: { citation: '综合行政执法网格化管理 (seed 004)' },
            });
          }
          const ev = await command.reportFromCitizen(
            agencyId,
            { kind: b.service_code.slice(CM_PREFIX.length), description: b.description, lng: b.long, lat: b.lat, address: b.address_string ?? null, reporter: { name: [b.last_name, b.first_name].filter(Boolean).join('') || null, phone: b.phone ?? null } },
            meta(req),
          );
          const st = await command.publicStatus(ev.eventNo);
          return reply.code(201).send([{ service_request_id: ev.eventNo, token: null, service_notice: `已派往${st.agencyName}指挥中心，按网格处置。`, account_id: null }]);
        }
        const out = await complaints.submit(
          {
            kind: 'complaint',
            sector: b.service_code,
            regionCode: b.address_id && /^\d{6}(\d{3})?$/.test(b.address_id) ? b.address_id : undefined,
            subject: b.address_string ?? b.service_code,
            content: b.description,
            location: b.address_string,
            lat: b.lat,
            long: b.long,
            contactName: [b.last_name, b.first_name].filter(Boolean).join('') || undefined,
            contactPhone: b.phone,
            source: 'open311',
          },
          meta(req),
        );
        return reply.code(201).send([{ service_request_id: out.trackingNo, token: out.code, service_notice: `已转${out.agencyName}，${out.acceptDueOn}前决定是否受理。`, account_id: null }]);
      },
    );
    app.get(
      '/open311/v2/requests/:id.json',
      {
        config: pub,
        schema: {
          tags: ['open311'],
          security: [],
          summary: 'GeoReport v2 request status (public state only: no description, no contact)',
          params: z.object({ id: z.union([TrackingNo, z.string().regex(EVENT_NO)]) }),
          response: {
            200: z.array(
              z.object({
                service_request_id: z.string(),
                status: z.enum(['open', 'closed']),
                status_notes: z.string().nullable(),
                service_code: z.string().nullable(),
                agency_responsible: z.string(),
                requested_datetime: z.string(),
                updated_datetime: z.string(),
                expected_datetime: z.string(),
              }),
            ),
            ...errs,
          },
        },
      },
      async (req) => {
        if (EVENT_NO.test(req.params.id)) {
          const e = await command.publicStatus(req.params.id);
          return [
            {
              service_request_id: e.eventNo,
              status: e.status === 'closed' ? ('closed' as const) : ('open' as const),
              status_notes: e.status === 'closed' ? '已处置并办结。' : null,
              service_code: `${CM_PREFIX}${e.kind}`,
              agency_responsible: e.agencyName,
              requested_datetime: e.reportedAt,
              updated_datetime: e.updatedAt,
              expected_datetime: e.reportedAt,
            },
          ];
        }
        const { c, agencyName } = await complaints.open311Status(req.params.id);
        return [
          {
            service_request_id: c.trackingNo,
            status: open311Status(c.status),
            status_notes: c.status === 'closed' || c.status === 'rejected' ? '已办结，详情请凭受理编号和查询码查看。' : null,
            service_code: c.serviceCode,
            agency_responsible: agencyName,
            requested_datetime: c.createdAt.toISOString(),
            updated_datetime: c.updatedAt.toISOString(),
            expected_datetime: `${c.acceptDueOn}T17:00:00+08:00`,
          },
        ];
      },
    );
  };
}
