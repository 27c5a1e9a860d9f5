import { describe, expect, it } from 'vitest';
import { buildQueueFile, type Envelope } from './queue-file';
import { decode } from './record-decoder';

const smtpEnvelope: Envelope = {
  queueId: '2FDF423FA50',
  arrival: { sec: 1351030687, usec: 123456 },
  sender: 'lindawatts101@yahoo.com.hk',
  sasl: { method: 'LOGIN', username: 'info@example.com' },
  client: { address: '68.167.29.196', port: 1464, name: 'unknown', helo: 'User' },
  serverAddress: '127.0.0.1',
  recipients: ['ajagoodin@yahoo.com', 'ajagostinelli@cox.net', 'ajagra2001@yahoo.com'],
};

const lines = ['Subject: hi', '', 'body', 'x'.repeat(5000)];

describe('buildQueueFile', () => {
  const qf = buildQueueFile(smtpEnvelope, lines);
  const recs = decode(qf.bytes);
  const text = (i: number): string => recs[i]?.data.toString('latin1') ?? '';

  it('fills the size record with content size, data offset and recipient count', () => {
    expect(recs[0]?.type).toBe('C');
    const [size, dataOffset, nrcpt, qmgrOpts, contLength, smtputf8] = text(0).trim().split(/\s+/).map(Number);
    const mesg = recs.findIndex((r) => r.type === 'M');
    const xtra = recs.find((r) => r.type === 'X');
    expect(dataOffset).toBe(recs[mesg + 1]?.offset);
    expect(size).toBe((xtra?.offset ?? 0) - (dataOffset ?? 0));
    expect(size).toBe(qf.size);
    expect(contLength).toBe(size);
    expect([nrcpt, qmgrOpts, smtputf8]).toEqual([3, 0, 0]);
    expect(text(0)).toHaveLength(6 * 15 + 5);
  });

  it('points each recipient offset at its R record', () => {
    expect(qf.recipientOffsets).toHaveLength(3);
    qf.recipientOffsets.forEach((off, i) => {
      const rec = recs.find((r) => r.offset === off);
      expect(rec?.type).toBe('R');
      expect(rec?.data.toString()).toBe(smtpEnvelope.recipients[i]);
    });
  });

  it('writes the SMTP client and SASL attributes postcat shows', () => {
    const attrs = recs.filter((r) => r.type === 'A').map((r) => r.data.toString());
    expect(attrs).toContain('sasl_username=info@example.com');
    expect(attrs).toContain('client_address=68.167.29.196');
    expect(attrs).toContain('log_message_origin=unknown[68.167.29.196]');
    expect(attrs).toContain('helo_name=User');
    expect(recs.find((r) => r.type === 'S')?.data.toString()).toBe('lindawatts101@yahoo.com.hk');
    expect(text(1)).toBe('1351030687 123456');
  });

  it('keeps every content line and splits long ones into L records', () => {
    const mesg = recs.findIndex((r) => r.type === 'M');
    const xtra = recs.findIndex((r) => r.type === 'X');
    const content = recs.slice(mesg + 1, xtra);
    let joined = '';
    const rebuilt: string[] = [];
    for (const r of content) {
      joined += r.data.toString('latin1');
      if (r.type === 'N') {
        rebuilt.push(joined);
        joined = '';
      } else expect(r.type).toBe('L');
    }
    expect(rebuilt).toEqual(lines);
    expect(content.every((r) => r.data.length <= 2048)).toBe(true);
    expect(recs.at(-1)?.type).toBe('E');
  });

  it('marks Postfix-made bounces as local, with the null sender and no client', () => {
    const bounce = decode(buildQueueFile({ ...smtpEnvelope, sender: '', sasl: null, client: null, recipients: ['a@b.c'] }, ['x']).bytes);
    const attrs = bounce.filter((r) => r.type === 'A').map((r) => r.data.toString());
    expect(attrs).toContain('log_message_origin=local');
    expect(attrs.some((a) => a.startsWith('client_address=') || a.startsWith('sasl_'))).toBe(false);
    expect(bounce.find((r) => r.type === 'S')?.data.length).toBe(0);
  });
});
