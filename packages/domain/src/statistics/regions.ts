/**
 * Region drill-down over materialised paths (/130000/130300/130322/130322101/): province → city → county → township.
 * Every rolled-up row carries its agency's full path; a level's figures are the sum over the subtree of each child.
 */
export const REGION_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type RegionLevelName = (typeof REGION_LEVELS)[number];

/** Codes along the path, root first: '/130000/130300/' → ['130000', '130300']. */
export function pathCodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** 1 = province … 4 = township; 0 for the root '/' (the whole country). */
export function pathDepth(path: string): number {
  return pathCodes(path).length;
}

export function isWithin(path: string, ancestor: string): boolean {
  return path.startsWith(ancestor);
}

/**
 * The child of `parent` that `path` lies under: '/130000/130300/130322/130322101/' under '/130000/130300/' is
 * '/130000/130300/130322/'. `null` when the path is not below the parent (the agency sits at the parent itself, e.g.
 * a city bureau seen from the city).
 */
export function childPathUnder(path: string, parent: string): string | null {
  if (!path.startsWith(parent)) return null;
  const rest = pathCodes(path.slice(parent.length));
  if (rest.length === 0) return null;
  return `${parent}${rest[0]}/`;
}

/**
 * Sums rows per child region of `parent`. Rows at the parent itself are returned under `own` (the parent's own
 * agencies), so the children plus `own` always add up to the parent's total — the drill-down never loses a case.
 */
export function groupByChild<R extends { regionPath: string }>(rows: readonly R[], parent: string, add: (acc: R | undefined, row: R) => R): { children: Map<string, R>; own: R | undefined } {
  const children = new Map<string, R>();
  let own: R | undefined;
  for (const row of rows) {
    if (!row.regionPath.startsWith(parent)) continue;
    const child = childPathUnder(row.regionPath, parent);
    if (child === null) own = add(own, row);
    else children.set(child, add(children.get(child), row));
  }
  return { children, own };
}
