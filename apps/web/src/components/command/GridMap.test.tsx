import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CommandEvent, Grid } from './command-api.ts';
import { GridMap } from './GridMap.tsx';

const square = (x: number, y: number, s: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]] as [number, number][]] });
const grids: Grid[] = [
  { id: 'g1', code: 'G01', name: '第一网格', geometry: square(119.13, 39.69, 0.02), officerIds: [] },
  { id: 'g2', code: 'G02', name: '第二网格', geometry: square(119.15, 39.69, 0.02), officerIds: [] },
];
const event = (id: string, lng: number, lat: number, over: Partial<CommandEvent> = {}) =>
  ({ id, eventNo: `SJ-${id}`, lng, lat, status: 'reported', isLate: false, description: 'x', ...over }) as CommandEvent;

describe('GridMap (offline SVG)', () => {
  it('draws each grid and each event from coordinates, late events outlined', () => {
    render(<GridMap grids={grids} events={[event('a', 119.14, 39.7), event('b', 119.16, 39.7, { isLate: true })]} />);
    expect(screen.getByTestId('grid-G01').querySelector('path')!.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L.*Z$/);
    expect(screen.getByText('第二网格')).toBeTruthy();
    const a = screen.getByTestId('map-event-SJ-a');
    const b = screen.getByTestId('map-event-SJ-b');
    // West is left: the event in the first grid is drawn left of the one in the second.
    expect(Number(a.getAttribute('cx'))).toBeLessThan(Number(b.getAttribute('cx')));
    expect(b.getAttribute('stroke-width')).toBe('3');
  });

  it('selects an event on click', () => {
    const onSelect = vi.fn();
    render(<GridMap grids={grids} events={[event('a', 119.14, 39.7)]} onSelect={onSelect} />);
    fireEvent.click(screen.getByTestId('map-event-SJ-a'));
    expect(onSelect).toHaveBeenCalledWith('a');
  });
});
