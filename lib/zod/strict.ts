import { z } from 'zod';

// Strict parsing helpers shared by every request schema.

/**
 * A whole number from a query string: digits only, an optional minus, no
 * spaces, signs, hex, exponents or leading zeros, and not blank ('' is not 0).
 */
export const intString = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?(0|[1-9]\d{0,15})$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Outside the Basic Multilingual Plane: 4 bytes in UTF-8 (emoji, mathematical letters). */
export const hasAstral = (s: string) => /[\u{10000}-\u{10FFFF}]/u.test(s);

/**
 * For values compared against extman's tables: they are 3-byte `utf8`, and
 * MariaDB answers a 4-byte character in a comparison with an error, not "no
 * match". Such a value cannot name anything stored there.
 */
export const extmanText = <T extends z.ZodString>(schema: T) => schema.refine((s) => !hasAstral(s), 'contains characters the mail database cannot hold');
