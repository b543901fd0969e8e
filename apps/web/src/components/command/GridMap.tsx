import type { GridGeometry } from '@zhifa/domain';
import { useMemo } from 'react';
import { STATUS_COLOR, type CommandEvent, type Grid } from './command-api.ts';

const W = 640;
const H = 420;
const PAD = 12;

function ringsOf(g: GridGeometry): (readonly (readonly [number, number])[])[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flatMap((p) => p.map((r) => r.map((pt) => [pt[0], pt[1]] as const)));
}

/**
 * The offline map: grid polygons and event points drawn in SVG from their coordinates (no tiles, works without the
 * internet). Longitude is scaled by cos(latitude) so shapes keep their proportions. Clicking the map picks a point.
 */
export function GridMap({ grids, events, selectedId, pick, onPick, onSelect }: { grids: Grid[]; events: CommandEvent[]; selectedId?: string | null; pick?: [number, number] | null; onPick?: (p: [number, number]) => void; onSelect?: (id: string) => void }) {
  const view = useMemo(() => {
    const pts: [number, number][] = [...grids.flatMap((g) => ringsOf(g.geometry).flat() as [number, number][]), ...events.map((e) => [e.lng, e.lat] as [number, number])];
    if (pts.length === 0) return null;
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
    const spanX = Math.max((maxX - minX) * k, 1e-6);
    const spanY = Math.max(maxY - minY, 1e-6);
    const s = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
    const to = (x: number, y: number): [number, number] => [PAD + (x - minX) * k * s, H - PAD - (y - minY) * s];
    const from = (px: number, py: number): [number, number] => [minX + (px - PAD) / (k * s), minY + (H - PAD - py) / s];
    return { to, from };
  }, [grids, events]);
  if (!view) return <div style={{ height: H, display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>—</div>;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      style={{ width: '100%', background: '#f6f8fa', border: '1px solid #e5e5e5', borderRadius: 6, cursor: onPick ? 'crosshair' : 'default' }}
      data-testid="command-map"
      onClick={(ev) => {
        if (!onPick) return;
        const svg = ev.currentTarget;
        const r = svg.getBoundingClientRect();
        const [lng, lat] = view.from(((ev.clientX - r.left) / r.width) * W, ((ev.clientY - r.top) / r.height) * H);
        onPick([Number(lng.toFixed(6)), Number(lat.toFixed(6))]);
      }}
    >
      {grids.map((g) => {
        const rings = ringsOf(g.geometry);
        const d = rings.map((r) => r.map((p, i) => `${i ? 'L' : 'M'}${view.to(p[0], p[1]).join(',')}`).join('') + 'Z').join('');
        const outer = rings[0] ?? [];
        const cx = outer.reduce((a, p) => a + p[0], 0) / Math.max(1, outer.length);
        const cy = outer.reduce((a, p) => a + p[1], 0) / Math.max(1, outer.length);
        const [tx, ty] = view.to(cx, cy);
        return (
          <g key={g.id} data-testid={`grid-${g.code}`}>
            <path d={d} fill="#e6f4ff" fillRule="evenodd" stroke="#4096ff" strokeWidth={1} />
            <text x={tx} y={ty} fontSize={12} textAnchor="middle" fill="#1f4e8c" style={{ pointerEvents: 'none' }}>
              {g.name}
            </text>
          </g>
        );
      })}
      {events.map((e) => {
        const [x, y] = view.to(e.lng, e.lat);
        return (
          <circle
            key={e.id}
            cx={x}
            cy={y}
            r={e.id === selectedId ? 8 : 6}
            fill={STATUS_COLOR[e.status]}
            stroke={e.isLate ? '#a8071a' : '#fff'}
            strokeWidth={e.isLate ? 3 : 1.5}
            data-testid={`map-event-${e.eventNo}`}
            onClick={(ev) => {
              ev.stopPropagation();
              onSelect?.(e.id);
            }}
            style={{ cursor: 'pointer' }}
          >
            <title>{`${e.eventNo} ${e.description}`}</title>
          </circle>
        );
      })}
      {pick ? <circle cx={view.to(pick[0], pick[1])[0]} cy={view.to(pick[0], pick[1])[1]} r={5} fill="none" stroke="#000" strokeWidth={2} /> : null}
    </svg>
  );
}
