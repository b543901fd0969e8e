/**
 * The electronic seal (电子签章): a PDF signature (adbe.pkcs7.detached, SHA-256) made with the agency's own key, so
 * any change to a sealed document after issue shows as an invalid signature in any PDF reader or in `pdfsig`.
 *
 * Each agency gets, on first use, an RSA-2048 key and a self-signed X.509 certificate (CN = O = agency name, C = CN,
 * 10 years) stored as PKCS#12 at `<keyDir>/<agencyId>.p12` (mode 0600, directory 0700), encrypted with the password
 * given to `createSealService`. A self-signed certificate proves integrity and which key sealed, not who holds it:
 * readers report it as "not trusted" until the agency's certificate is issued by a recognised CA (国家电子政务
 * 电子印章 / a licensed 电子认证服务机构), when this store can be replaced by that key material without changing callers.
 *
 * node-forge note: forge re-encodes UTF8String names when it parses and re-serialises a certificate (as the PKCS#7
 * signer does), which corrupts Chinese names and breaks the signature. BMPString (UCS-2) survives the round trip
 * byte for byte and every reader decodes it, so the Chinese names are stored as BMPString.
 */
import { generateKeyPair as generateKeyPairCb, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';

const generateKeyPair = promisify(generateKeyPairCb);

export interface SealAgency {
  id: string;
  name: string;
  /** 签章地点: the agency's region (e.g. 秦皇岛市海港区). */
  regionName?: string;
  phone?: string;
}

export interface SealPdfOptions {
  /** Put the signature's widget over the visible seal (from renderPdfDetailed's sealPlacement); invisible otherwise. */
  widget?: { pageIndex: number; rect: [number, number, number, number] };
  /** 签章人: defaults to the agency's name. */
  signerName?: string;
  reason?: string;
  /** Defaults to now; tests pass a fixed time. */
  signingTime?: Date;
}

export interface AgencyCertificate {
  agencyId: string;
  pem: string;
  subject: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER certificate, hex, for publishing next to the agency's name. */
  fingerprintSha256: string;
}

export interface SealService {
  sealPdf(pdf: Buffer, agency: SealAgency, opts?: SealPdfOptions): Promise<Buffer>;
  /** The agency's certificate, or null if it has never sealed anything. */
  certificateOf(agencyId: string): Promise<AgencyCertificate | null>;
}

export const SEAL_REASON = '行政执法文书电子签章';
/** Room for the PKCS#7 blob (one 2048-bit certificate + signature ≈ 1.6 kB) in the placeholder; bytes. */
const SIGNATURE_LENGTH = 8192;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const BMP = forge.asn1.Type.BMPSTRING;

/**
 * PDF text string for the placeholder's /Reason, /Name and /Location: pdf-lib's PDFString writes char codes as bytes
 * and escapes nothing, so Chinese is given as UTF-16BE with its byte-order mark (PDF 32000 §7.9.2.2), with the
 * literal-string delimiters escaped.
 */
function pdfTextString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return s.replace(/[()\\]/g, (c) => `\\${c}`);
  const bytes = Buffer.from(`\ufeff${s}`, 'utf16le').swap16();
  let out = '';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x0a) out += '\\n';
    else out += String.fromCharCode(b);
  }
  return out;
}

/** True if the file already carries a signature: re-saving it with pdf-lib would silently break that signature. */
export function hasPdfSignature(pdf: Buffer): boolean {
  return /\/ByteRange\s*\[/.test(pdf.toString('latin1'));
}

function decodeName(attrs: { shortName?: string; value?: unknown }[]): string {
  return attrs.map((a) => `${a.shortName ?? '?'}=${String(a.value)}`).join(', ');
}

async function makeIdentity(agency: SealAgency, password: string): Promise<Buffer> {
  const { privateKey: pem } = await generateKeyPair('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(pem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // Positive serial (leading byte < 0x80), 16 random bytes: RFC 5280 §4.1.2.2.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const name = [
    { shortName: 'C', value: 'CN' },
    { shortName: 'O', value: agency.name, valueTagClass: BMP },
    { shortName: 'CN', value: agency.name, valueTagClass: BMP },
  ];
  cert.setSubject(name as forge.pki.CertificateField[]);
  cert.setIssuer(name as forge.pki.CertificateField[]);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: 'aes256', friendlyName: agency.name, generateLocalKeyId: true });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

function readCertificate(p12: Buffer, password: string): forge.pki.Certificate {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, password);
  } catch (e) {
    throw new Error(`Cannot open the agency key store: wrong seal password or damaged file (${(e as Error).message})`, { cause: e });
  }
  const bags = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const cert = bags[0]?.cert;
  if (!cert) throw new Error('The agency key store holds no certificate');
  return cert;
}

export function createSealService(opts: { keyDir: string; password: string }): SealService {
  if (!opts.keyDir) throw new Error('createSealService: keyDir is required (e.g. <DATA_DIR>/keys/agencies)');
  if (!opts.password || opts.password.length < 8) throw new Error('createSealService: a key-store password of at least 8 characters is required');
  const { keyDir, password } = opts;
  // One creation per agency at a time in this process; across processes the exclusive create below decides.
  const pending = new Map<string, Promise<Buffer>>();
  const opened = new Set<string>();

  const fileOf = (agencyId: string) => {
    if (!SAFE_ID.test(agencyId)) throw new Error(`Invalid agency id for a key file: ${JSON.stringify(agencyId)}`);
    return path.join(keyDir, `${agencyId}.p12`);
  };

  async function readIfExists(file: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async function identityOf(agency: SealAgency): Promise<Buffer> {
    const file = fileOf(agency.id);
    const existing = await readIfExists(file);
    if (existing) return existing;
    let p = pending.get(agency.id);
    if (!p) {
      p = (async () => {
        const p12 = await makeIdentity(agency, password);
        await fs.promises.mkdir(keyDir, { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        await fs.promises.writeFile(tmp, p12, { mode: 0o600, flag: 'wx' });
        try {
          // link() fails if another process created the key first: then theirs is the agency's key, not ours.
          await fs.promises.link(tmp, file);
          return p12;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
          return fs.promises.readFile(file);
        } finally {
          await fs.promises.unlink(tmp).catch(() => undefined);
        }
      })().finally(() => pending.delete(agency.id));
      pending.set(agency.id, p);
    }
    return p;
  }

  return {
    async sealPdf(pdf, agency, o = {}) {
      if (!agency?.id || !agency.name) throw new Error('sealPdf: agency id and name are required');
      if (hasPdfSignature(pdf)) {
        throw new Error('sealPdf: the PDF is already signed; sealing it again would invalidate the existing signature (seal the unsigned rendering instead)');
      }
      const p12 = await identityOf(agency);
      // Fail early, with a clear message, on a wrong password (once per agency and process).
      if (!opened.has(agency.id)) {
        readCertificate(p12, password);
        opened.add(agency.id);
      }
      const doc = await PDFDocument.load(pdf);
      const pages = doc.getPages();
      const w = o.widget;
      const page = w && pages[w.pageIndex] ? pages[w.pageIndex]! : pages[pages.length - 1]!;
      pdflibAddPlaceholder({
        pdfPage: page,
        reason: pdfTextString(o.reason ?? SEAL_REASON),
        contactInfo: pdfTextString(agency.phone ?? ''),
        name: pdfTextString(o.signerName ?? agency.name),
        location: pdfTextString(agency.regionName ?? ''),
        signatureLength: SIGNATURE_LENGTH,
        widgetRect: w ? [...w.rect] : [0, 0, 0, 0],
        appName: 'Zhifa',
        ...(o.signingTime ? { signingTime: o.signingTime } : {}),
      });
      const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
      return new SignPdf().sign(prepared, new P12Signer(p12, { passphrase: password }), o.signingTime);
    },

    async certificateOf(agencyId) {
      const p12 = await readIfExists(fileOf(agencyId));
      if (!p12) return null;
      const cert = readCertificate(p12, password);
      const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
      return {
        agencyId,
        pem: forge.pki.certificateToPem(cert),
        subject: decodeName(cert.subject.attributes),
        serialNumber: cert.serialNumber,
        notBefore: cert.validity.notBefore,
        notAfter: cert.validity.notAfter,
        fingerprintSha256: createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex'),
      };
    },
  };
}

/** The conventional key directory under the server's data directory. */
export const agencyKeyDir = (dataDir: string) => path.join(dataDir, 'keys', 'agencies');
