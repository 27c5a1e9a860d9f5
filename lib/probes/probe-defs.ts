import { replyText, type SmtpReply } from './smtp-reply';
import type { TranscriptLine } from './transcript';

// The four live probes: what each sends and what proves the server right.
// Every probe stops after RCPT TO and says QUIT — no message is ever sent.

export const PROBE_NAMES = ['relay', 'forged-sender', 'own-sender', 'blocked-login'] as const;
export type ProbeName = (typeof PROBE_NAMES)[number];

export const OUTSIDE_SENDER = 'mailwarden-probe@example.org';
export const OUTSIDE_RECIPIENT = 'mailwarden-probe@example.net';
// The seed's forged sender.
export const FORGED_SENDER = 'test@yahoo.com';

export type ProbeSpec = { auth: boolean; mailFrom: (login: string) => string; rcptTo: string; expectation: string };

export const PROBES: Record<ProbeName, ProbeSpec> = {
  relay: {
    auth: false,
    mailFrom: () => OUTSIDE_SENDER,
    rcptTo: OUTSIDE_RECIPIENT,
    expectation: 'Without AUTH, mail from outside to outside is refused: "Relay access denied" (454 or 554).',
  },
  'forged-sender': {
    auth: true,
    mailFrom: () => FORGED_SENDER,
    rcptTo: OUTSIDE_RECIPIENT,
    expectation: `After AUTH, MAIL FROM <${FORGED_SENDER}> is refused: 553 5.7.1 ... not owned by user.`,
  },
  'own-sender': {
    auth: true,
    mailFrom: (login) => login,
    rcptTo: OUTSIDE_RECIPIENT,
    expectation: "After AUTH, the login's own address is accepted (250 at RCPT TO): no false block.",
  },
  'blocked-login': {
    auth: true,
    mailFrom: (login) => login,
    rcptTo: OUTSIDE_RECIPIENT,
    expectation: 'A mailbox with sending disabled (disablesmtpd=1) is refused: 554 5.7.1 ... SASL login name rejected.',
  },
};

export type ProbeWarning = { code: 'no-source' } | { code: 'source-in-mynetworks'; source: string } | { code: 'source-unknown-network'; source: string };

/** What a probe conversation got, step by step (absent = not reached). */
export type ProbeOutcome = {
  greeting?: SmtpReply;
  auth?: SmtpReply;
  mail?: SmtpReply;
  rcpt?: SmtpReply;
  /** Connection or protocol failure, or a step that could not be taken. */
  error?: string;
};

export type ProbeResult = {
  name: ProbeName;
  passed: boolean;
  /**
   * The login is blocked from sending (SASL login name rejected), so a probe
   * about the sender rule could not be judged: not a pass, and not a failure
   * of the server either — the refusal is what a blocked account should get.
   */
  blocked?: boolean;
  expectation: string;
  /** Why it failed (or what else is worth knowing), in plain words. */
  note?: string;
  transcript: TranscriptLine[];
  durationMs: number;
};

const refusedWith = (r: SmtpReply | undefined, pattern: RegExp) => r !== undefined && r.code >= 400 && pattern.test(replyText(r));
const said = (r: SmtpReply) => `${r.code} ${replyText(r)}`;

const SENDING_BLOCKED = /SASL login name rejected/i;

export function evaluateProbe(name: ProbeName, o: ProbeOutcome): { passed: boolean; blocked?: boolean; note?: string } {
  if (o.error) return { passed: false, note: o.error };
  const spec = PROBES[name];
  if (spec.auth && o.auth && o.auth.code !== 235) return { passed: false, note: `the login was refused (${said(o.auth)}), so the probe proves nothing` };
  const last = o.rcpt ?? o.mail;
  if (!last) return { passed: false, note: 'the conversation ended before MAIL FROM' };
  if ((name === 'forged-sender' || name === 'own-sender') && (refusedWith(o.mail, SENDING_BLOCKED) || refusedWith(o.rcpt, SENDING_BLOCKED))) {
    return {
      passed: false,
      blocked: true,
      note: `this login is blocked from sending (${said(last)}), as it should be; use a mailbox that may send to test the sender rule`,
    };
  }
  switch (name) {
    case 'relay':
      if (refusedWith(o.rcpt, /relay access denied/i)) return { passed: true };
      if (o.rcpt && o.rcpt.code < 400) return { passed: false, note: `OPEN RELAY: a stranger's RCPT TO an outside address was accepted (${said(o.rcpt)})` };
      return { passed: false, note: `refused for another reason, so relaying was not tested: ${said(last)}` };
    case 'forged-sender':
      if (refusedWith(o.mail, /not owned by user/i) || refusedWith(o.rcpt, /not owned by user/i)) return { passed: true };
      if (o.rcpt && o.rcpt.code < 400) return { passed: false, note: `the forged sender was accepted (${said(o.rcpt)}): any login may send as anyone` };
      return { passed: false, note: `refused, but not as a sender/login mismatch: ${said(last)}` };
    case 'own-sender':
      if (o.rcpt && o.rcpt.code >= 200 && o.rcpt.code < 300) return { passed: true };
      return { passed: false, note: `the mailbox's own address was refused: ${said(last)}` };
    case 'blocked-login':
      if (refusedWith(o.mail, /SASL login name rejected/i) || refusedWith(o.rcpt, /SASL login name rejected/i)) return { passed: true };
      if (o.rcpt && o.rcpt.code < 400) return { passed: false, note: `the disabled mailbox could still send (${said(o.rcpt)})` };
      return { passed: false, note: `refused, but not by the sending block: ${said(last)}` };
  }
}
