import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { watchPutSchema } from '@/lib/watch/rules-schema';
import { tailQuerySchema } from '@/lib/maillog/schemas';
import { operations } from './openapi';

// Every body and query schema of the API refuses keys it does not know, at
// every depth: an unknown key is a 422, never silently dropped (issue 20:
// {"rules":{"$ne":1}} saved the default rules as a custom set).

type Def = {
  type: string;
  catchall?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function looseObjects(schema: z.ZodType, path: string, out: string[], seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = defOf(schema);
  if (def.type === 'object') {
    if (!def.catchall || defOf(def.catchall).type !== 'never') out.push(path || '(root)');
    for (const [key, child] of Object.entries(def.shape ?? {})) looseObjects(child, `${path}.${key}`, out, seen);
  }
  for (const child of [...(def.options ?? []), def.in, def.out, def.innerType, def.element, def.left, def.right]) {
    if (child) looseObjects(child, path, out, seen);
  }
  // A record's values are free-form on purpose only where they are checked later (a channel's config patch).
  return out;
}

describe('request schemas', () => {
  for (const [path, methods] of Object.entries(operations)) {
    for (const [method, op] of Object.entries(methods)) {
      for (const [part, schema] of [
        ['body', op.body],
        ['query', op.query],
      ] as const) {
        if (!schema) continue;
        it(`${method.toUpperCase()} ${path} ${part} refuses unknown keys at every depth`, () => {
          expect(looseObjects(schema, '', [])).toEqual([]);
        });
      }
    }
  }

  it('PUT /api/hosts/{host}/watch refuses {"rules":{"$ne":1}}', () => {
    expect(watchPutSchema().safeParse({ rules: { $ne: 1 } }).success).toBe(false);
  });

  it('tail ?lines= and ?lines=%20 are refused, not read as 0', () => {
    expect(tailQuerySchema.safeParse({ lines: '' }).success).toBe(false);
    expect(tailQuerySchema.safeParse({ lines: ' ' }).success).toBe(false);
    expect(tailQuerySchema.safeParse({ lines: '0x10' }).success).toBe(false);
  });
});
