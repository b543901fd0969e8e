import fs from 'node:fs';

/**
 * CJK fonts for the PDFs. Debian's fonts-noto-cjk ships TrueType collections, which pdfkit can read only with the
 * PostScript name of the face inside (stack.md §5). GB/T 9704 asks for 仿宋 (body) and 小标宋 (titles), which no
 * Debian package has; Noto Serif CJK SC (Song style) is the closest free face, Bold for titles and the seal.
 */
export interface FontFace {
  path: string;
  /** Required for .ttc collections (e.g. NotoSerifCJKsc-Regular); ignored for single-face files. */
  postscriptName?: string;
}
export interface DocumentFonts {
  regular: FontFace;
  bold: FontFace;
}

export const NOTO_DIR = '/usr/share/fonts/opentype/noto';
const SERIF_REGULAR: FontFace = { path: `${NOTO_DIR}/NotoSerifCJK-Regular.ttc`, postscriptName: 'NotoSerifCJKsc-Regular' };
const SERIF_BOLD: FontFace = { path: `${NOTO_DIR}/NotoSerifCJK-Bold.ttc`, postscriptName: 'NotoSerifCJKsc-Bold' };
const SANS_BOLD: FontFace = { path: `${NOTO_DIR}/NotoSansCJK-Bold.ttc`, postscriptName: 'NotoSansCJKsc-Bold' };

/** Serif Regular for the body; Serif Bold if installed, else Sans Bold (fonts-noto-cjk without the serif bold). */
export function defaultFonts(): DocumentFonts {
  return { regular: SERIF_REGULAR, bold: fs.existsSync(SERIF_BOLD.path) ? SERIF_BOLD : SANS_BOLD };
}

/** The fonts to use, each checked to exist; a missing file is a deployment error and says how to fix it. */
export function resolveFonts(overrides: Partial<DocumentFonts> = {}): DocumentFonts {
  const fonts = { ...defaultFonts(), ...overrides };
  for (const [role, face] of Object.entries(fonts) as [keyof DocumentFonts, FontFace][]) {
    if (!face?.path || !fs.existsSync(face.path)) {
      throw new Error(
        `Document font '${role}' not found at ${face?.path ?? '(no path)'}: install a CJK font (Debian: apt-get install fonts-noto-cjk) ` +
          `or pass fonts.${role} = { path, postscriptName } to the document renderer.`,
      );
    }
    if (/\.ttc$/i.test(face.path) && !face.postscriptName) {
      throw new Error(`Document font '${role}' (${face.path}) is a font collection: give its postscriptName, e.g. NotoSerifCJKsc-Regular.`);
    }
  }
  return fonts;
}

// Font files are 20–27 MB; keep each one read once per process instead of once per document.
const cache = new Map<string, Buffer>();
export function fontBytes(face: FontFace): Buffer {
  let b = cache.get(face.path);
  if (!b) {
    b = fs.readFileSync(face.path);
    cache.set(face.path, b);
  }
  return b;
}
