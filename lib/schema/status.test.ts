import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareMigrations, shippedMigrations } from './status';

describe('compareMigrations', () => {
  it('is current when every shipped migration is recorded, whatever else is', () => {
    expect(compareMigrations(['0001_a', '0003_b'], ['0003_b', '0001_a', '0000_old'])).toEqual({ schema: 'current', missing: [] });
  });

  it('is behind with the names still to apply, in order', () => {
    expect(compareMigrations(['0001_a', '0003_b', '0004_c'], ['0001_a'])).toEqual({ schema: 'behind', missing: ['0003_b', '0004_c'] });
  });

  it('is behind when nothing was applied (a database without the console tables)', () => {
    expect(compareMigrations(['0001_a'], []).schema).toBe('behind');
  });
});

describe('shippedMigrations', () => {
  it('lists the migration folders of prisma/migrations in order', async () => {
    const names = await shippedMigrations(path.resolve(__dirname, '../../prisma/migrations'));
    expect(names[0]).toBe('0001_console_tables');
    expect([...names].sort()).toEqual(names);
    for (const n of names) expect(n).toMatch(/^\d{4}_[\w-]+$/);
  });
});
