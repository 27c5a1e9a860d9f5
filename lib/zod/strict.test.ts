import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extmanText, hasAstral, intString } from './strict';

describe('intString', () => {
  const lines = z.strictObject({ lines: intString(0, 1000).default(200) });
  it('reads plain decimal whole numbers and defaults only when the key is absent', () => {
    expect(lines.parse({ lines: '16' }).lines).toBe(16);
    expect(lines.parse({ lines: '0' }).lines).toBe(0);
    expect(lines.parse({}).lines).toBe(200);
  });
  it("refuses '', ' ', '0x10', '+5', ' 5', '5 ', '1e2', '05', '1.0' and out-of-range values", () => {
    for (const bad of ['', ' ', '%20', '0x10', '+5', ' 5', '5 ', '1e2', '05', '1.0', '1001', '-1', '99999999999999999999']) {
      expect(lines.safeParse({ lines: bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('extmanText', () => {
  it('refuses characters outside the BMP and keeps the rest, Chinese included', () => {
    const s = extmanText(z.string());
    expect(s.safeParse('😀@example.com').success).toBe(false);
    expect(s.safeParse('𝐚dmin').success).toBe(false);
    expect(s.parse('王@example.com')).toBe('王@example.com');
    expect(hasAstral('plain')).toBe(false);
  });
});
