/**
 * Grid geometry for the command centre (综合执法网格化管理, seed 004 Hengshui/Fucheng): which grid a reported point falls
 * in. Coordinates are GeoJSON [longitude, latitude] (WGS-84 or GCJ-02 — the lookup only needs one consistent system).
 */
export type Position = readonly [number, number];
export type Ring = readonly Position[];
export type PolygonGeometry = { type: 'Polygon'; coordinates: readonly Ring[] };
export type MultiPolygonGeometry = { type: 'MultiPolygon'; coordinates: readonly (readonly Ring[])[] };
export type GridGeometry = PolygonGeometry | MultiPolygonGeometry;
export type BBox = readonly [minLng: number, minLat: number, maxLng: number, maxLat: number];

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

function isRing(r: unknown): r is Ring {
  return (
    Array.isArray(r) &&
    r.length >= 4 &&
    r.every((p) => Array.isArray(p) && p.length >= 2 && finite(p[0]) && finite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90) &&
    r[0][0] === r[r.length - 1][0] &&
    r[0][1] === r[r.length - 1][1]
  );
}

/** A problem with an imported geometry, or null when it is a closed Polygon / MultiPolygon in lng/lat range. */
export function geometryProblem(g: unknown): string | null {
  if (!g || typeof g !== 'object') return 'geometry missing';
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0 || !coordinates.every(isRing)) return 'Polygon rings must be closed, ≥4 positions, in lng/lat range';
    return null;
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) return 'MultiPolygon has no polygons';
    for (const poly of coordinates) if (!Array.isArray(poly) || poly.length === 0 || !poly.every(isRing)) return 'MultiPolygon rings must be closed, ≥4 positions, in lng/lat range';
    return null;
  }
  return `geometry type ${String(type)} is not Polygon or MultiPolygon`;
}

function polygonsOf(g: GridGeometry): readonly (readonly Ring[])[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function bboxOf(g: GridGeometry): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const poly of polygonsOf(g))
    for (const [x, y] of poly[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  return [minX, minY, maxX, maxY];
}

/** Even-odd ray casting; a point on the boundary may go either way (grids share edges, the first match wins). */
export function pointInRing(p: Position, ring: Ring): boolean {
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole, of any polygon of the geometry. */
export function pointInGeometry(p: Position, g: GridGeometry): boolean {
  return polygonsOf(g).some((poly) => poly.length > 0 && pointInRing(p, poly[0]!) && !poly.slice(1).some((hole) => pointInRing(p, hole)));
}

export interface IndexedGrid<T> {
  id: T;
  geometry: GridGeometry;
}

/**
 * A lookup over many grids: bounding boxes bucketed into a uniform cell index, so a point is tested only against the
 * grids whose box covers its cell (10,000 grids answer in microseconds). Build once per grid layer version.
 */
export function createGridIndex<T>(grids: readonly IndexedGrid<T>[]) {
  const items = grids.map((g) => ({ id: g.id, geometry: g.geometry, bbox: bboxOf(g.geometry) }));
  if (items.length === 0) return { size: 0, lookup: (_p: Position): T | null => null };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const { bbox } of items) {
    minX = Math.min(minX, bbox[0]);
    minY = Math.min(minY, bbox[1]);
    maxX = Math.max(maxX, bbox[2]);
    maxY = Math.max(maxY, bbox[3]);
  }
  // About one grid per cell on average.
  const n = Math.max(1, Math.ceil(Math.sqrt(items.length)));
  const w = (maxX - minX) / n || 1e-9;
  const h = (maxY - minY) / n || 1e-9;
  const col = (x: number) => Math.min(n - 1, Math.max(0, Math.floor((x - minX) / w)));
  const row = (y: number) => Math.min(n - 1, Math.max(0, Math.floor((y - minY) / h)));
  const cells: number[][] = Array.from({ length: n * n }, () => []);
  items.forEach((it, i) => {
    for (let r = row(it.bbox[1]); r <= row(it.bbox[3]); r++) for (let c = col(it.bbox[0]); c <= col(it.bbox[2]); c++) cells[r * n + c]!.push(i);
  });
  return {
    size: items.length,
    /** The first grid (in input order) containing the point, or null when it lies outside the layer. */
    lookup(p: Position): T | null {
      const [x, y] = p;
      if (x < minX || x > maxX || y < minY || y > maxY) return null;
      for (const i of cells[row(y) * n + col(x)]!) {
        const it = items[i]!;
        if (x < it.bbox[0] || x > it.bbox[2] || y < it.bbox[1] || y > it.bbox[3]) continue;
        if (pointInGeometry(p, it.geometry)) return it.id;
      }
      return null;
    },
  };
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMetres(a: Position, b: Position): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}
