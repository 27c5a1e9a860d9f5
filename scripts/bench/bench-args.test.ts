import { describe, expect, it } from 'vitest';
import { checkOptions, splitPrefixed } from './bench-args';

const spec = { valued: ['limit', 'spam'], flags: ['skip-sweep'] };

describe('splitPrefixed', () => {
  it('gives the second bench only its prefixed options, without the prefix', () => {
    expect(splitPrefixed(['--limit', '50', '--sweep-mailboxes', '1000', '--sweep-no-queue', '--spam', '20'], 'sweep-')).toEqual({
      own: ['--limit', '50', '--spam', '20'],
      prefixed: ['--mailboxes', '1000', '--no-queue'],
    });
  });

  it('passes nothing on when no option is prefixed, so the second bench runs on its defaults', () => {
    expect(splitPrefixed(['--limit', '100', '--transactions', '1000'], 'sweep-').prefixed).toEqual([]);
  });

  it('keeps options that merely contain the prefix word as the bench’s own', () => {
    expect(splitPrefixed(['--skip-sweep', '--sweep-'], 'sweep-')).toEqual({ own: ['--skip-sweep', '--sweep-'], prefixed: [] });
  });
});

describe('checkOptions', () => {
  it('accepts known options with their values', () => {
    expect(() => checkOptions(['--limit', '100', '--skip-sweep', '--spam', '5'], spec, 'usage')).not.toThrow();
  });

  it('refuses an unknown option before any work starts, with the usage', () => {
    expect(() => checkOptions(['--mailboxes', '1000'], spec, 'usage: x')).toThrow(/unknown option --mailboxes\nusage: x/);
  });

  it('refuses a valued option without its value', () => {
    expect(() => checkOptions(['--limit', '--skip-sweep'], spec, 'usage')).toThrow(/--limit needs a value/);
    expect(() => checkOptions(['--spam'], spec, 'usage')).toThrow(/--spam needs a value/);
  });

  it('names a split-off option as it was typed', () => {
    expect(() => checkOptions(['--mailbox', '5'], spec, 'usage', 'sweep-')).toThrow(/unknown option --sweep-mailbox\n/);
  });

  it('refuses a stray word', () => {
    expect(() => checkOptions(['100'], spec, 'usage')).toThrow(/unknown option 100/);
  });
});
