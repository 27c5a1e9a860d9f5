import { describe, expect, it } from 'vitest';
import { niceMax, plot, thin } from './chart-data';

describe('chart data', () => {
  it('thins by slices but keeps each slice’s spike', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ total: i === 7 ? 900 : i }));
    const out = thin(pts, 5);
    expect(out).toHaveLength(5);
    expect(out.map((p) => p.total)).toContain(900);
    expect(thin(pts, 20)).toBe(pts);
  });

  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 7, 10, 11, 180, 299_621].map(niceMax)).toEqual([1, 10, 10, 20, 200, 500_000]);
  });

  it('plots time on x and totals on y, inside the box', () => {
    const p = plot(
      [
        { at: '2026-01-05T10:00:00Z', total: 0, complete: true },
        { at: '2026-01-05T11:00:00Z', total: 50, complete: true },
      ],
      600,
      100,
    )!;
    expect(p.yMax).toBe(50);
    expect(p.path).toBe('M0.0,100.0 L600.0,0.0');
    expect(plot([], 600, 100)).toBeNull();
  });
});
