import { describe, expect, it } from 'vitest';
import { backscatterBodySchema, cleanBodySchema, containBodySchema, hardenBodySchema, hostOrAllQuerySchema, verifyBodySchema } from './schemas';

// Bad input stops at the door: nothing malformed reaches a host.

describe('incident request schemas', () => {
  it('fills in the contain defaults and refuses bad IPs, repeats and unknown fields', () => {
    expect(containBodySchema.parse({})).toEqual({ steps: ['block', 'reset', 'hold'], ips: [], dryRun: false });
    expect(containBodySchema.safeParse({ ips: ['127.0.0.66; rm -rf /'] }).success).toBe(false);
    expect(containBodySchema.safeParse({ ips: ['10.0.0.1', '10.0.0.1'] }).success).toBe(false);
    expect(containBodySchema.safeParse({ steps: ['block', 'block'] }).success).toBe(false);
    expect(containBodySchema.safeParse({ steps: ['delete'] }).success).toBe(false);
    expect(containBodySchema.safeParse({ dryRun: true, password: 'x' }).success).toBe(false);
    expect(containBodySchema.safeParse({ previewId: 'not-a-uuid' }).success).toBe(false);
    expect(cleanBodySchema.parse({ ips: ['2001:db8::1'] }).ips).toEqual(['2001:db8::1']);
  });

  it('takes exactly one backscatter action with its own argument', () => {
    expect(backscatterBodySchema.parse({ action: 'preview', since: 1_795_816_000 })).toEqual({ action: 'preview', since: 1_795_816_000 });
    expect(backscatterBodySchema.safeParse({ action: 'preview', since: -1 }).success).toBe(false);
    expect(backscatterBodySchema.safeParse({ action: 'preview', since: '1795816000' }).success).toBe(false);
    expect(backscatterBodySchema.safeParse({ action: 'quarantine', previewId: '../../etc' }).success).toBe(false);
    expect(backscatterBodySchema.safeParse({ action: 'undo', quarantineId: '0' }).success).toBe(false);
    expect(backscatterBodySchema.safeParse({ action: 'undo', quarantineId: '12; drop table' }).success).toBe(false);
    expect(backscatterBodySchema.safeParse({ action: 'delete' }).success).toBe(false);
  });

  it('asks for known fixes only, previews unless told otherwise', () => {
    expect(hardenBodySchema.parse({ fixes: ['sender-login-maps'] }).dryRun).toBe(true);
    expect(hardenBodySchema.safeParse({ fixes: [] }).success).toBe(false);
    expect(hardenBodySchema.safeParse({ fixes: ['rm -rf'] }).success).toBe(false);
  });

  it('keeps passwords one line, and the other login an address', () => {
    expect(verifyBodySchema.safeParse({ check: 'probes', password: 'a\r\nRSET' }).success).toBe(false);
    expect(verifyBodySchema.safeParse({ check: 'probes', other: { username: 'nobody', password: 'x' } }).success).toBe(false);
    expect(verifyBodySchema.safeParse({ check: 'queue', password: 'x' }).success).toBe(false);
    expect(verifyBodySchema.parse({ check: 'probes', other: { username: 'test1@example.com', password: '123456' } }).check).toBe('probes');
  });

  it('takes "all" or a host name', () => {
    expect(hostOrAllQuerySchema.parse({}).host).toBe('all');
    expect(hostOrAllQuerySchema.safeParse({ host: '../lab' }).success).toBe(false);
  });
});
