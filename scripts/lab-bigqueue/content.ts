// Message text (header and body lines) for a planned message, as it would
// sit in the queue after cleanup(8): Received header first, Message-Id added.
import type { MessagePlan } from './population';
import type { Rng } from './random';

const SPAM_LINES = [
  'LIMITED OFFER: genuine replica watches, handbags and pills at factory prices.',
  'Order now at http://cheap-%d.example.invalid/offer and save %d%% today!',
  'We ship worldwide within 24 hours, discreet packaging, no prescription needed.',
  'Dear friend, I am the manager of the foreign remittance department of our bank.',
  'Your account has been selected for a special reward of USD %d,000.00.',
  'Click here to unsubscribe: http://remove-%d.example.invalid/?u=%d',
  'Best quality, lowest price, satisfaction guaranteed or your money back.',
];
const LEGIT_LINES = [
  'Hi, please find the figures for this week below.',
  'Let me know if the delivery date of %d units still works for you.',
  'The contract draft has been reviewed by our legal team, two small changes.',
  'Regards, and thanks again for the quick reply.',
  'Item %d: unit price unchanged, quantity as discussed on the phone.',
];
const MAILERS = ['Microsoft Outlook Express 6.00.2900.5512', 'Foxmail 7, 0, 1, 91[cn]', 'Microsoft Office Outlook 12.0', 'The Bat! (v4.0.24) Professional'];

/** "Fri, 27 Nov 2026 21:16:50 +0000" */
export function rfc2822(sec: number): string {
  return new Date(sec * 1000).toUTCString().replace('GMT', '+0000');
}

/** cleanup's Message-Id: <YYYYMMDDhhmmss.QUEUEID@myhostname> */
function messageId(sec: number, queueId: string, host: string): string {
  const stamp = new Date(sec * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `<${stamp}.${queueId}@${host}>`;
}

function fillNumbers(line: string, rng: Rng): string {
  return line.replace(/%d/g, () => String(rng.int(2, 999))).replace('%%', '%');
}

function bodyUntil(lines: string[], pool: readonly string[], target: number, rng: Rng): void {
  let size = lines.reduce((n, l) => n + l.length + 1, 0);
  while (size < target) {
    const line = fillNumbers(rng.pick(pool), rng);
    lines.push(line);
    size += line.length + 1;
  }
}

export function contentLines(plan: MessagePlan, queueId: string, host: string, rng: Rng): string[] {
  const date = rfc2822(plan.arrival.sec);
  if (plan.client === null) return bounceLines(plan, queueId, host, date, rng);
  const c = plan.client;
  const lines = [
    `Received: from ${c.helo} (${c.name} [${c.address}])`,
    `\tby ${host} (Postfix) with ESMTPA id ${queueId};`,
    `\t${date} (UTC)`,
    `Date: ${date}`,
    `From: ${plan.sender}`,
    `To: ${plan.kind === 'legit' ? plan.recipients.join(', ') : 'undisclosed-recipients:;'}`,
    `Subject: ${plan.subject}`,
    `Message-Id: ${messageId(plan.arrival.sec, queueId, host)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="us-ascii"',
    `X-Mailer: ${rng.pick(MAILERS)}`,
    '',
  ];
  bodyUntil(lines, plan.kind === 'legit' ? LEGIT_LINES : SPAM_LINES, plan.targetSize, rng);
  return lines;
}

function bounceLines(plan: MessagePlan, queueId: string, host: string, date: string, rng: Rng): string[] {
  const rcpt = plan.recipients[0] ?? '';
  const origId = rng.int(0x10000, 0xfffff).toString(16).toUpperCase() + rng.int(0x10000, 0xffffff).toString(16).toUpperCase();
  const boundary = `${origId}.${plan.arrival.sec}/${host}`;
  const victim = `${['ajagoodin', 'bhaitov', 'altoact', 'n_jhenderson'][rng.int(0, 3)]}${rng.int(1, 999)}@qq.com`;
  const lines = [
    `Received: by ${host} (Postfix)`,
    `\tid ${queueId}; ${date} (UTC)`,
    `Date: ${date} (UTC)`,
    'From: Mail Delivery System <MAILER-DAEMON@example.com>',
    'Subject: Undelivered Mail Returned to Sender',
    `To: ${rcpt}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    `\tboundary="${boundary}"`,
    `Message-Id: ${messageId(plan.arrival.sec, queueId, host)}`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `This is the mail system at host ${host}.`,
    '',
    "I'm sorry to have to inform you that your message could not",
    "be delivered to one or more recipients. It's attached below.",
    '',
    `<${victim}>: host mx3.qq.com[119.147.192.199] said: 550 Mail content denied. (in reply to end of DATA command)`,
    '',
    `--${boundary}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    `Reporting-MTA: dns; ${host}`,
    `X-Postfix-Queue-ID: ${origId}`,
    `X-Postfix-Sender: rfc822; ${rcpt}`,
    `Arrival-Date: ${date} (UTC)`,
    '',
    `Final-Recipient: rfc822; ${victim}`,
    'Action: failed',
    'Status: 5.0.0',
    'Diagnostic-Code: smtp; 550 Mail content denied.',
    '',
    `--${boundary}`,
    'Content-Description: Undelivered Message',
    'Content-Type: message/rfc822',
    '',
    `Return-Path: <${rcpt}>`,
    `Received: from User (unknown [127.0.0.66])`,
    `\tby ${host} (Postfix) with ESMTPA id ${origId};`,
    `\t${date} (UTC)`,
    `From: ${rcpt}`,
    `Subject: ${SPAM_LINES[0]?.slice(0, 30) ?? 'offer'}`,
    '',
  ];
  bodyUntil(lines, SPAM_LINES, plan.targetSize - boundary.length - 4, rng);
  lines.push('', `--${boundary}--`);
  return lines;
}
