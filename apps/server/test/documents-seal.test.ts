/**
 * Documents module, sealing and case files: the agency key is created once and kept private; a sealed decision
 * verifies with poppler's pdfsig and any changed byte breaks it; the case file has its cover, contents, documents and
 * memo with the right pages and numbers, and can itself be sealed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assembleCaseFileDetailed,
  createSealService,
  hasPdfSignature,
  renderPdf,
  renderPdfDetailed,
  SAMPLE_DOCUMENTS,
  type RenderedPdf,
  type SealAgency,
} from '../src/modules/documents/index.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-seal-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const keyDir = path.join(tmp, 'keys', 'agencies');
const PASSWORD = 'test-seal-password';
const sample = SAMPLE_DOCUMENTS.penalty_decision;
const agency: SealAgency = { id: sample.agency.id!, name: sample.agency.name, regionName: sample.agency.regionName! };

function write(name: string, pdf: Buffer) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, pdf);
  return file;
}
/** pdfsig exits non-zero for invalid signatures; the verdict is in its output either way. */
function pdfsig(pdf: Buffer, name: string): string {
  const r = spawnSync('pdfsig', [write(name, pdf)], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}
const pageText = (pdf: Buffer, name: string, page: number) =>
  execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), write(name, pdf), '-'], { encoding: 'utf8' });

/** The text of a signature dictionary entry (/Reason, /Location, /Name), decoded as a PDF reader would. */
async function signatureField(pdf: Buffer, key: string): Promise<string> {
  const doc = await PDFDocument.load(pdf);
  const form = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
  const field = form.lookup(PDFName.of('Fields'), PDFArray).lookup(0, PDFDict);
  const v = field.lookup(PDFName.of('V'), PDFDict).lookup(PDFName.of(key));
  if (v instanceof PDFString || v instanceof PDFHexString) return v.decodeText();
  throw new Error(`no ${key}`);
}

describe('electronic seal', () => {
  const seal = createSealService({ keyDir, password: PASSWORD });
  let rendered: RenderedPdf;
  let sealed: Buffer;
  beforeAll(async () => {
    rendered = await renderPdfDetailed(sample);
    sealed = await seal.sealPdf(rendered.pdf, agency, { widget: rendered.sealPlacement!, signingTime: new Date('2026-02-10T09:00:00+08:00') });
  });

  it('draws the visible seal over the agency name and date on the last page', async () => {
    expect(rendered.sealPlacement).not.toBeNull();
    const { pageIndex, rect } = rendered.sealPlacement!;
    expect(pageIndex).toBe(rendered.pageCount - 1);
    // 42 mm across, in the right half of the page (over the signature, which sits right of centre).
    expect(rect[2] - rect[0]).toBeCloseTo((42 * 72) / 25.4, 1);
    expect(rect[0]).toBeGreaterThan(595.28 / 2 - 60);
    // The seal's characters are artwork, not text: the page reads the same with or without it (and its 专用章 line).
    const last = (pdf: Buffer, name: string) => pageText(pdf, name, rendered.pageCount);
    const withSeal = last(rendered.pdf, 'with-seal.pdf');
    expect(withSeal.replace(/\s+/g, '')).toContain(`${agency.name}2026年2月10日`);
    expect(last(await renderPdf(sample, { seal: false }), 'no-seal.pdf')).toBe(withSeal);
    const special = await renderPdfDetailed(sample, { seal: { bottomText: '行政执法专用章', diameterMm: 45 } });
    expect(last(special.pdf, 'special.pdf')).toBe(withSeal);
    expect(special.sealPlacement!.rect[2] - special.sealPlacement!.rect[0]).toBeCloseTo((45 * 72) / 25.4, 1);
    expect(special.pdf.equals(rendered.pdf)).toBe(false);
  });

  it('signs with the agency key: pdfsig says the signature is valid (issuer self-signed)', () => {
    const out = pdfsig(sealed, 'sealed.pdf');
    expect(out).toContain('Signature is Valid');
    expect(out).toContain(`Signer Certificate Common Name: ${agency.name}`);
    expect(out).toContain(`CN=${agency.name},O=${agency.name},C=CN`);
    expect(out).toContain('SHA-256');
    expect(out).toContain('Total document signed');
    expect(hasPdfSignature(sealed)).toBe(true);
    expect(hasPdfSignature(rendered.pdf)).toBe(false);
  });

  it('a single changed byte breaks the signature', () => {
    // Flip a byte inside the first signed range (the document body, before the signature's /Contents).
    const tampered = Buffer.from(sealed);
    const at = Math.floor(sealed.indexOf('/ByteRange') / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const out = pdfsig(tampered, 'tampered.pdf');
    expect(out).not.toContain('Signature is Valid');
    expect(out).toMatch(/Digest Mismatch|Signature is Invalid|Unknown Validation Failure/);
  });

  it('records the reason, place and signer in Chinese', async () => {
    expect(await signatureField(sealed, 'Reason')).toBe('行政执法文书电子签章');
    expect(await signatureField(sealed, 'Location')).toBe('河北省秦皇岛市海港区');
    expect(await signatureField(sealed, 'Name')).toBe(agency.name);
  });

  it('creates the agency key once, private to the server, and reuses it', async () => {
    const file = path.join(keyDir, `${agency.id}.p12`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const cert = await seal.certificateOf(agency.id);
    expect(cert).not.toBeNull();
    expect(cert!.subject).toBe(`C=CN, O=${agency.name}, CN=${agency.name}`);
    expect(cert!.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(cert!.notAfter.getTime() - cert!.notBefore.getTime()).toBeGreaterThan(9 * 365 * 86_400_000);
    const before = fs.readFileSync(file);
    const again = await seal.sealPdf(await renderPdf(SAMPLE_DOCUMENTS.penalty_notice), agency);
    expect(pdfsig(again, 'notice.pdf')).toContain('Signature is Valid');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect((await seal.certificateOf(agency.id))!.fingerprintSha256).toBe(cert!.fingerprintSha256);
    expect(await seal.certificateOf('no-such-agency')).toBeNull();
  });

  it('gives concurrent first uses one key, and each agency its own', async () => {
    const other: SealAgency = { id: 'agency-2', name: '秦皇岛市城市管理综合行政执法局', regionName: '河北省秦皇岛市' };
    const pdf = await renderPdf({ ...SAMPLE_DOCUMENTS.no_penalty_decision, agency: other });
    const [a, b] = await Promise.all([seal.sealPdf(pdf, other), seal.sealPdf(pdf, other)]);
    expect(pdfsig(a, 'a.pdf')).toContain(`Common Name: ${other.name}`);
    expect(pdfsig(b, 'b.pdf')).toContain('Signature is Valid');
    expect(fs.readdirSync(keyDir).sort()).toEqual([`${agency.id}.p12`, 'agency-2.p12'].sort());
    expect((await seal.certificateOf('agency-2'))!.fingerprintSha256).not.toBe((await seal.certificateOf(agency.id))!.fingerprintSha256);
  });

  it('refuses a wrong password, a path-like agency id and an already signed file', async () => {
    const wrong = createSealService({ keyDir, password: 'not-the-password' });
    await expect(wrong.sealPdf(rendered.pdf, agency)).rejects.toThrow(/wrong seal password/);
    await expect(seal.sealPdf(rendered.pdf, { ...agency, id: '../../etc/passwd' })).rejects.toThrow(/Invalid agency id/);
    await expect(seal.sealPdf(sealed, agency)).rejects.toThrow(/already signed/);
    expect(() => createSealService({ keyDir, password: '' })).toThrow(/password/);
  });
});

describe('case file assembly', () => {
  it('builds cover, contents, documents and memo per volume, numbers the pages, and can be sealed whole', async () => {
    const seal = createSealService({ keyDir, password: PASSWORD });
    const render = async (k: keyof typeof SAMPLE_DOCUMENTS) => renderPdfDetailed(SAMPLE_DOCUMENTS[k]);
    const [filing, decision, receipt, report, review, closing] = await Promise.all(
      (['filing_approval', 'penalty_decision', 'service_receipt', 'investigation_end_report', 'legal_review_opinion', 'closing_approval'] as const).map(render),
    );
    const sealedDecision = await seal.sealPdf(decision!.pdf, agency, { widget: decision!.sealPlacement! });
    const main = [
      { title: '立案审批表', pdf: filing!.pdf, date: '2026-01-09' },
      { title: '行政处罚决定书', number: '海市监罚〔2026〕12号', pdf: sealedDecision, date: '2026-02-10' },
      { title: '送达回证', pdf: receipt!.pdf, date: '2026-02-11' },
    ];
    const secondary = [
      { title: '调查终结报告', pdf: report!.pdf, date: '2026-01-20' },
      { title: '法制审核意见书', pdf: review!.pdf, date: '2026-01-22' },
      { title: '结案审批表', pdf: closing!.pdf, date: '2026-03-02' },
    ];
    const file = await assembleCaseFileDetailed({
      title: '秦皇岛某某食品有限公司经营超过保质期的食品案',
      caseNo: '海市监立〔2026〕15号',
      agency: { id: agency.id, name: agency.name },
      party: '秦皇岛某某食品有限公司',
      dates: { filedOn: '2026-01-09', closedOn: '2026-03-02', archivedOn: '2026-03-10' },
      retention: '长期',
      volumes: [
        { name: '正卷', parts: main },
        { name: '副卷', parts: secondary },
      ],
    });
    const mainPages = filing!.pageCount + decision!.pageCount + receipt!.pageCount;
    const secondaryPages = report!.pageCount + review!.pageCount + closing!.pageCount;
    // Per volume: cover + one page of contents + documents + memo.
    expect(file.pageCount).toBe(3 + mainPages + 3 + secondaryPages);
    expect((await PDFDocument.load(file.pdf)).getPageCount()).toBe(file.pageCount);
    expect(file.volumes.map((v) => [v.name, v.coverPage, v.tocPages, v.documentPages])).toEqual([
      ['正卷', 1, 1, mainPages],
      ['副卷', 3 + mainPages + 1, 1, secondaryPages],
    ]);
    const d = decision!.pageCount;
    expect(file.volumes[0]!.entries).toEqual([
      { title: '立案审批表', firstPage: 1, lastPage: 1 },
      { title: '行政处罚决定书', firstPage: 2, lastPage: 1 + d },
      { title: '送达回证', firstPage: 2 + d, lastPage: 2 + d },
    ]);

    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const cover = squeeze(pageText(file.pdf, 'case.pdf', 1));
    for (const s of ['行政执法案卷', '（正卷）', agency.name, '海市监立〔2026〕15号', '2026年1月9日', '2026年3月2日', '第1卷共2卷', `${mainPages}页`, '长期']) expect(cover).toContain(s);
    const toc = pageText(file.pdf, 'case.pdf', 2);
    expect(squeeze(toc)).toContain('卷内目录');
    expect(toc).toMatch(/行政处罚决定书\s+2026-02-10\s+2-4/);
    expect(toc).toMatch(/2\s+海市监罚〔2026〕12号\s+行政处罚决定书/);
    // Document pages carry their volume page number in the top right; the decision's own “— n —” stays.
    const firstDecisionPage = pageText(file.pdf, 'case.pdf', 4);
    expect(firstDecisionPage.split('\n').find((l) => l.trim())!.trim()).toBe('2');
    expect(squeeze(firstDecisionPage)).toContain('行政处罚决定书');
    const memo = squeeze(pageText(file.pdf, 'case.pdf', 3 + mainPages));
    expect(memo).toContain('卷内备考表');
    expect(memo).toContain(`本卷共有文件材料3件，共${mainPages}页`);
    const secondCover = squeeze(pageText(file.pdf, 'case.pdf', 3 + mainPages + 1));
    expect(secondCover).toContain('（副卷）');
    // The parts' signatures cannot survive merging and are dropped; the whole file is sealed instead.
    expect(pdfsig(file.pdf, 'case.pdf')).toMatch(/does not contain any signatures/);
    const sealedFile = await seal.sealPdf(file.pdf, agency);
    expect(pdfsig(sealedFile, 'case-sealed.pdf')).toContain('Signature is Valid');
  });

  it('refuses an empty volume or a part that is not a PDF', async () => {
    const base = { title: '案卷', caseNo: '海市监立〔2026〕1号', agency: { name: agency.name } };
    await expect(assembleCaseFileDetailed({ ...base, volumes: [{ name: '正卷', parts: [] }] })).rejects.toThrow(/正卷 has no documents/);
    await expect(
      assembleCaseFileDetailed({ ...base, volumes: [{ name: '正卷', parts: [{ title: '坏文件', pdf: Buffer.from('not a pdf') }] }] }),
    ).rejects.toThrow(/'坏文件' is not a readable PDF/);
  });
});
