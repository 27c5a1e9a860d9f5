import { describe, expect, it } from 'vitest';
import { tabTarget } from './focus-trap';

describe('tabTarget', () => {
  const stops = ['cancel', 'input', 'run'];

  it('lets the browser move between stops in the middle', () => {
    expect(tabTarget(stops, 'cancel', false)).toBeNull();
    expect(tabTarget(stops, 'run', true)).toBeNull();
  });

  it('wraps from the last stop to the first and back', () => {
    expect(tabTarget(stops, 'run', false)).toBe('cancel');
    expect(tabTarget(stops, 'cancel', true)).toBe('run');
  });

  it('brings focus from outside the stops to the near end', () => {
    expect(tabTarget(stops, null, false)).toBe('cancel');
    expect(tabTarget(stops, 'panel', true)).toBe('run');
  });

  it('has nowhere to go without stops', () => {
    expect(tabTarget([], null, false)).toBeNull();
  });
});
