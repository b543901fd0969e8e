import { AGENCY_TRANSFER_ACTIONS, POLICE_TRANSFER_ACTIONS, POLICE_TRANSFER_MATERIAL_KEYS, type AgencyTransferAction, type PoliceTransferAction, type PoliceTransferMaterialKey } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, IdParams, meta, stdErrors } from '../../lib/http.ts';
import type { TransferService } from './transfers.service.ts';

const Day = z.iso.date();
const Out = z.object({ id: z.string(), status: z.string() }).passthrough();
const Refs = z.array(z.string().trim().min(1).max(200)).max(50);

export function transferRoutes(transfers: TransferService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['transfers'];
    app.post(
      '/transfers/agency',
      {
        schema: {
          tags,
          summary: '移送: transfer a case to another agency (the case’s transfer step and the transfer, one transaction)',
          body: z.object({ caseId: z.uuid(), toAgencyId: z.uuid(), reason: z.string().trim().min(1).max(2000), materials: z.array(z.string().trim().min(1).max(200)).min(1).max(100), evidenceIds: z.array(z.uuid()).max(50).optional(), attachments: z.array(z.object({ material: z.string().trim().min(1).max(200), evidenceId: z.uuid() })).max(100).optional() }),
          response: { 201: Out, ...stdErrors },
        },
      },
      async (req, reply) => reply.status(201).send(await transfers.createAgencyTransfer(actorOf(req), req.body, meta(req))),
    );
    app.get(
      '/transfers/agency',
      { schema: { tags, summary: 'Transfers the caller’s agency sent or received (supervisors: their region), with timers', querystring: z.object({ direction: z.enum(['outgoing', 'incoming']).optional(), status: z.string().max(40).optional() }), response: { 200: z.array(Out), ...stdErrors } } },
      async (req) => transfers.listAgency(actorOf(req), req.query),
    );
    app.get('/transfers/agency/:id', { schema: { tags, summary: 'One transfer with its timeline and the caller’s actions', params: IdParams, response: { 200: Out, ...stdErrors } } }, async (req) => transfers.getAgency(actorOf(req), req.params.id));
    app.post(
      '/transfers/agency/:id/:action',
      {
        schema: {
          tags,
          summary: 'accept (opens the receiver’s case) / refuse (to designation) / designate (common superior)',
          params: z.object({ id: z.uuid(), action: z.enum(AGENCY_TRANSFER_ACTIONS) }),
          body: z.object({ version: z.number().int().min(1), reason: z.string().max(2000).optional(), itemId: z.uuid().optional(), officerIds: z.array(z.uuid()).max(20).optional(), agencyId: z.uuid().optional() }),
          response: { 200: Out, ...stdErrors },
        },
      },
      async (req) => transfers.actAgency(actorOf(req), req.params.id, req.params.action as AgencyTransferAction, req.body, meta(req)),
    );

    app.post(
      '/transfers/police',
      {
        schema: {
          tags,
          summary: '两法衔接: report a suspected crime to the head for transfer to the police (310号令 Art.5)',
          body: z.object({ caseId: z.uuid(), policeOrgan: z.string().trim().min(1).max(200), summary: z.string().trim().min(1).max(4000), hasTesting: z.boolean().optional(), reportedOn: Day.optional() }),
          response: { 201: Out, ...stdErrors },
        },
      },
      async (req, reply) => reply.status(201).send(await transfers.createPoliceTransfer(actorOf(req), req.body, meta(req))),
    );
    app.get('/transfers/police', { schema: { tags, summary: 'Police transfers in scope with timers', querystring: z.object({ status: z.string().max(40).optional() }), response: { 200: z.array(Out), ...stdErrors } } }, async (req) => transfers.listPolice(actorOf(req), req.query));
    app.get('/transfers/police/:id', { schema: { tags, summary: 'One police transfer: checklist, answers, timeline', params: IdParams, response: { 200: Out, ...stdErrors } } }, async (req) => transfers.getPolice(actorOf(req), req.params.id));
    app.put(
      '/transfers/police/:id/materials',
      {
        schema: {
          tags,
          summary: 'The 310号令 Art.6 material checklist (document or evidence references per item)',
          params: IdParams,
          body: z.object({ version: z.number().int().min(1), materials: z.partialRecord(z.enum(POLICE_TRANSFER_MATERIAL_KEYS as [string, ...string[]]), Refs) }),
          response: { 200: Out, ...stdErrors },
        },
      },
      async (req) => transfers.setPoliceMaterials(actorOf(req), req.params.id, req.body as never, meta(req)),
    );
    app.post(
      '/transfers/police/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Attach an uploaded file (an evidence record of the case) to a 310号令 Art.6 material, or withdraw it with a reason',
          params: IdParams,
          body: z.object({ version: z.number().int().min(1), action: z.enum(['attach', 'withdraw']), material: z.enum(POLICE_TRANSFER_MATERIAL_KEYS as [PoliceTransferMaterialKey, ...PoliceTransferMaterialKey[]]), evidenceId: z.uuid(), reason: z.string().max(2000).optional() }),
          response: { 200: Out, ...stdErrors },
        },
      },
      async (req) => transfers.changePoliceAttachment(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get(
      '/transfers/:kind/:id/files/:evidenceId',
      {
        schema: {
          tags,
          summary: 'Download a file handed over with a transfer (either side, supervisors in scope); the reason is logged',
          params: z.object({ kind: z.enum(['agency', 'police']), id: z.uuid(), evidenceId: z.uuid() }),
          querystring: z.object({ reason: z.string().trim().min(2).max(200).describe('why the file is opened (logged)') }),
          response: { 200: z.any(), ...stdErrors },
        },
      },
      async (req, reply) => {
        const { row, stream } = await transfers.openAttachment(actorOf(req), req.params.kind, req.params.id, req.params.evidenceId, req.query.reason, req.ip);
        return reply
          .header('content-type', row.mediaType)
          .header('content-length', row.size)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
          .header('x-content-sha256', row.blobId.slice(7))
          .send(stream);
      },
    );
    app.post(
      '/transfers/police/:id/:action',
      {
        schema: {
          tags,
          summary: 'A step: approve/decline (head), send, record the police receipt and answers, reconsideration, procuratorate, handover, return',
          params: z.object({ id: z.uuid(), action: z.enum(POLICE_TRANSFER_ACTIONS) }),
          body: z.object({ version: z.number().int().min(1), on: Day.optional(), note: z.string().max(4000).optional(), reason: z.string().max(2000).optional(), filed: z.boolean().optional(), procuratorate: z.string().max(200).optional(), evidenceIds: z.array(z.uuid()).max(20).optional() }),
          response: { 200: Out, ...stdErrors },
        },
      },
      async (req) => transfers.actPolice(actorOf(req), req.params.id, req.params.action as PoliceTransferAction, req.body, meta(req)),
    );

    app.get('/transfers/recipients', { schema: { tags, summary: 'Agencies a case can be transferred or designated to (public subject list)', querystring: z.object({ q: z.string().max(100).optional() }), response: { 200: z.array(z.object({ id: z.string(), name: z.string(), regionPath: z.string(), sector: z.string() })), ...stdErrors } } }, async (req) => transfers.recipients(actorOf(req), req.query));
    app.get('/transfers/by-case/:id', { schema: { tags, summary: 'Transfers of one case (either side), for the case page', params: IdParams, response: { 200: z.object({ agency: z.array(Out), police: z.array(Out) }), ...stdErrors } } }, async (req) => transfers.byCase(actorOf(req), req.params.id));
    app.get('/transfers/duplicates', { schema: { tags, summary: '疑似重复案件: same party, same kind of act, different agencies (supervisors)', response: { 200: z.array(z.object({ aCaseId: z.string(), bCaseId: z.string() }).passthrough()), ...stdErrors } } }, async (req) => transfers.duplicates(actorOf(req)));
    app.get(
      '/transfers/duplicates/hint',
      {
        schema: {
          tags,
          summary: 'Possible duplicates in other agencies for a case about to be opened',
          querystring: z.object({ partyType: z.enum(['individual', 'organisation']), identifier: z.string().trim().min(15).max(18), itemId: z.uuid(), violationOn: Day }),
          response: { 200: z.array(z.object({ caseId: z.string(), agencyName: z.string() }).passthrough()), ...stdErrors },
        },
      },
      async (req) => transfers.duplicateHint(actorOf(req), req.query),
    );
  };
}
