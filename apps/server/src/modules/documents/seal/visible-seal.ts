/**
 * The visible seal (印章图样) drawn with pdfkit vector graphics: a red ring, a five-pointed star in the centre, the
 * agency's name along the upper arc and optionally a line such as 行政执法专用章 under the star — the form of an
 * agency seal under 国务院关于国家行政机关和企业事业单位社会团体印章的规定 (国发〔1999〕25号: round, star in the
 * centre, name around it, 宋体 characters).
 *
 * The seal is only a picture; what makes the document tamper-evident is the PDF signature (seal-service.ts), whose
 * widget is placed over this picture. Its characters are drawn as glyph outlines, not text, so that copying or
 * extracting the document's text does not mix the seal's characters into the agency's name and date below it.
 */

export interface VisibleSealOptions {
  /** Seal diameter in millimetres: 42 mm by default (县级以上 agencies often use 42–45 mm). */
  diameterMm?: number;
  /** Text under the star, e.g. 行政执法专用章 or 行政处罚专用章; none by default (the agency seal itself). */
  bottomText?: string;
  /** Ink colour; official seals are printed in red. */
  color?: string;
  /** Ink opacity: slightly translucent so the text under it stays legible, as with a real stamp. */
  opacity?: number;
}

export const MM = 72 / 25.4;
const DEFAULT_RED = '#d9001b';

interface GlyphLike {
  advanceWidth: number;
  path: { toSVG(): string };
}
interface FontkitLike {
  unitsPerEm: number;
  glyphsForString(s: string): GlyphLike[];
}

/** The fontkit font behind pdfkit's current font (pdfkit keeps it as `_font.font` on an embedded font). */
function currentFontkitFont(doc: PDFKit.PDFDocument): FontkitLike | null {
  const f = (doc as unknown as { _font?: { font?: Partial<FontkitLike> } })._font?.font;
  return f && typeof f.glyphsForString === 'function' && typeof f.unitsPerEm === 'number' ? (f as FontkitLike) : null;
}

/**
 * Draws one character centred at the current origin's x = 0, its top at y = `top`, `height` high and `scaleX` as wide.
 * Falls back to ordinary text when pdfkit's font object is not reachable.
 */
function drawChar(doc: PDFKit.PDFDocument, ch: string, top: number, height: number, scaleX: number, fontName: string) {
  const font = currentFontkitFont(doc);
  const glyph = font?.glyphsForString(ch)[0];
  if (!font || !glyph) {
    doc.save().translate(0, top).scale(scaleX, 1);
    doc.font(fontName).fontSize(height).text(ch, -height / 2, 0, { lineBreak: false });
    doc.restore();
    return;
  }
  const s = height / font.unitsPerEm;
  // CJK glyphs sit in an em box from −0.12 em to 0.88 em (Noto's ideographic box), so the baseline is 0.88 em down.
  const baseline = top + 0.88 * height;
  doc.save();
  doc.translate((-glyph.advanceWidth * s * scaleX) / 2, baseline);
  doc.scale(s * scaleX, -s);
  doc.path(glyph.path.toSVG()).fill();
  doc.restore();
}

function starPoints(cx: number, cy: number, r: number): number[][] {
  const inner = r * 0.382;
  const pts: number[][] = [];
  for (let i = 0; i < 10; i++) {
    const rad = ((-90 + i * 36) * Math.PI) / 180;
    const rr = i % 2 === 0 ? r : inner;
    pts.push([cx + rr * Math.cos(rad), cy + rr * Math.sin(rad)]);
  }
  return pts;
}

/**
 * Draws the seal centred on (cx, cy) in pdfkit coordinates (origin top-left) and returns its radius. `fontName` is a
 * font registered with the document (a bold Song/serif face looks closest to a carved seal).
 */
export function drawVisibleSeal(
  doc: PDFKit.PDFDocument,
  at: { cx: number; cy: number },
  agencyName: string,
  fontName: string,
  opts: VisibleSealOptions = {},
): number {
  const R = ((opts.diameterMm ?? 42) * MM) / 2;
  const color = opts.color ?? DEFAULT_RED;
  const opacity = opts.opacity ?? 0.88;
  const ring = R * 0.055;
  const { cx, cy } = at;

  doc.save();
  doc.fillColor(color, opacity).strokeColor(color, opacity);
  doc.lineWidth(ring).circle(cx, cy, R - ring / 2).stroke();
  doc.polygon(...starPoints(cx, cy, R * 0.31)).fill();

  doc.font(fontName);
  // Name along the upper arc, read clockwise, each character upright towards the centre.
  const chars = [...agencyName.replace(/\s+/g, '')];
  const n = chars.length;
  if (n > 0) {
    const top = -(R - ring - R * 0.06);
    const height = R * (n > 16 ? 0.22 : 0.27);
    const mid = -top - height / 2;
    const span = n === 1 ? 0 : Math.min(250, Math.max(140, (n - 1) * 26));
    const step = n === 1 ? 0 : span / (n - 1);
    // Narrow characters, as carved: at most 0.8 of the height, less if the arc is crowded.
    const arcPerChar = n === 1 ? Infinity : (mid * step * Math.PI) / 180;
    const scaleX = Math.min(0.8, (arcPerChar * 0.9) / height);
    chars.forEach((ch, i) => {
      doc.save();
      doc.translate(cx, cy).rotate(-span / 2 + i * step);
      drawChar(doc, ch, top, height, scaleX, fontName);
      doc.restore();
    });
  }
  if (opts.bottomText) {
    const chars2 = [...opts.bottomText];
    const h = R * 0.2;
    const y = cy + R * 0.4;
    const room = 2 * Math.sqrt((R * 0.8) ** 2 - (R * 0.5) ** 2);
    const scaleX = Math.min(0.85, room / (chars2.length * h));
    const adv = h * scaleX;
    chars2.forEach((ch, i) => {
      doc.save();
      doc.translate(cx - (adv * chars2.length) / 2 + adv * (i + 0.5), 0);
      drawChar(doc, ch, y, h, scaleX, fontName);
      doc.restore();
    });
  }
  doc.restore();
  return R;
}
