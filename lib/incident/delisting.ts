import type { Locale } from '@/lib/i18n/core';

// What to do about a provider that refuses our mail, for the incident
// report's delisting checklist: what its reply means, where to ask, what to
// say, and how to see whether it still refuses. A small curated table of the
// big ones, each in English and Chinese; anything else falls back to the
// generic blocklist entry. Pure data and a matcher (no catalogue: the texts
// live here, beside the table they belong to).

export const DELISTING_IDS = ['qq', 'netease', 'gmail', 'microsoft', 'yahoo', 'spamhaus', 'rbl'] as const;
export type DelistingId = (typeof DELISTING_IDS)[number];

type Text = Record<Locale, string>;
export type DelistingEntry = { id: DelistingId; name: string; url: string; meaning: Text; where: Text; say: Text; check: Text };

const SAY_EN =
  'Our server IP was abused through one stolen mailbox password (SMTP AUTH with forged senders). The login is blocked, the spam deleted from the queue, and sender-login checks are now enforced (reject_sender_login_mismatch). Please remove <IP> from your list.';
const SAY_ZH =
  '我们的服务器 IP 因一个邮箱密码被盗而遭滥用（SMTP 认证后伪造发件人）。该账号已封禁，队列中的垃圾邮件已删除，并已启用发件人与登录名一致性检查（reject_sender_login_mismatch）。请将 <IP> 移出黑名单。';
const CHECK_EN =
  'Watch the deferrals of this site on the Logs page (Blocks tab): when the last refusal is older than the retry interval and new mail is delivered, it has lifted.';
const CHECK_ZH = '在“日志”页的“拒收”标签中查看该站点的延迟投递：最后一次拒收早于重试间隔、且新邮件已投递成功，即已解除。';

export const DELISTING: readonly DelistingEntry[] = [
  {
    id: 'qq',
    name: 'QQ Mail (Tencent)',
    url: 'https://service.mail.qq.com/',
    meaning: {
      en: 'Tencent refuses mail from our IP or for its content ("Mail content denied", "frequency limited"): its filters scored us as a spam source.',
      zh: '腾讯因来源 IP 或内容拒收（“Mail content denied”“frequency limited”）：其过滤系统把我们判为垃圾邮件来源。',
    },
    where: {
      en: 'QQ Mail help centre → "退信/拒收" appeal form (service.mail.qq.com), with the full refusal line.',
      zh: 'QQ 邮箱帮助中心 → 退信/拒收申诉（service.mail.qq.com），附上完整的拒收回复。',
    },
    say: { en: SAY_EN, zh: SAY_ZH },
    check: {
      en: `${CHECK_EN} Frequency limits lift by themselves within hours once the volume is normal.`,
      zh: `${CHECK_ZH}频率限制在发信量恢复正常后数小时内会自动解除。`,
    },
  },
  {
    id: 'netease',
    name: '163 / 126 (NetEase)',
    url: 'https://help.mail.163.com/',
    meaning: {
      en: 'NetEase codes: DT:SPM = content judged spam, RP:* = too many messages or recipients from our IP, MI:* = sender/IP reputation.',
      zh: '网易代码：DT:SPM 为内容被判为垃圾邮件，RP:* 为来自我们 IP 的邮件或收件人过多，MI:* 为发件人或 IP 信誉问题。',
    },
    where: {
      en: 'NetEase postmaster / help centre (help.mail.163.com), "企业退信" unblock request.',
      zh: '网易邮箱帮助中心（help.mail.163.com），企业退信解封申请。',
    },
    say: { en: SAY_EN, zh: SAY_ZH },
    check: { en: CHECK_EN, zh: CHECK_ZH },
  },
  {
    id: 'gmail',
    name: 'Gmail (Google)',
    url: 'https://postmaster.google.com/',
    meaning: {
      en: 'Google rate-limits (421 4.7.28) or refuses (550 5.7.1) mail it judges unsolicited from our IP or domain.',
      zh: 'Google 对其判定为未经请求的邮件限速（421 4.7.28）或拒收（550 5.7.1）。',
    },
    where: {
      en: 'Google Postmaster Tools for the domain; the "sender contact form" in Gmail\'s bulk-sender guidelines.',
      zh: '为域名注册 Google Postmaster Tools；或使用 Gmail 批量发件人指南中的“发件人联系表单”。',
    },
    say: { en: SAY_EN, zh: SAY_ZH },
    check: { en: `${CHECK_EN} Postmaster Tools shows the IP reputation day by day.`, zh: `${CHECK_ZH}Postmaster Tools 会按天显示 IP 信誉。` },
  },
  {
    id: 'microsoft',
    name: 'Outlook / Hotmail (Microsoft)',
    url: 'https://sender.office.com/',
    meaning: {
      en: 'Microsoft codes S3140/S3150 or 5.7.606/5.7.511: our IP is on its own blocklist.',
      zh: '微软代码 S3140/S3150 或 5.7.606/5.7.511：我们的 IP 在其自有黑名单上。',
    },
    where: {
      en: 'sender.office.com (delist portal) for Outlook.com; Smart Network Data Services (SNDS) to watch the IP.',
      zh: 'Outlook.com 的解封门户 sender.office.com；用 SNDS（Smart Network Data Services）监控该 IP。',
    },
    say: { en: SAY_EN, zh: SAY_ZH },
    check: { en: CHECK_EN, zh: CHECK_ZH },
  },
  {
    id: 'yahoo',
    name: 'Yahoo / AOL',
    url: 'https://senders.yahooinc.com/',
    meaning: {
      en: 'Yahoo codes TS01–TS03 refuse our IP for its reputation; TS04 is a temporary rate limit.',
      zh: '雅虎代码 TS01–TS03 因 IP 信誉拒收；TS04 为临时限速。',
    },
    where: {
      en: 'Yahoo Sender Hub (senders.yahooinc.com) → "Sender support request".',
      zh: '雅虎 Sender Hub（senders.yahooinc.com）→ Sender support request。',
    },
    say: { en: SAY_EN, zh: SAY_ZH },
    check: { en: CHECK_EN, zh: CHECK_ZH },
  },
  {
    id: 'spamhaus',
    name: 'Spamhaus',
    url: 'https://check.spamhaus.org/',
    meaning: {
      en: 'The receiver rejects us because our IP is listed on a Spamhaus list (ZEN = SBL, XBL or PBL): every site using it refuses us.',
      zh: '对方因我们的 IP 在 Spamhaus 黑名单（ZEN = SBL、XBL 或 PBL）上而拒收：所有使用它的站点都会拒收。',
    },
    where: {
      en: 'check.spamhaus.org: look the IP up and follow the removal link of the list named (XBL/CSS removal is self-service once the abuse stopped).',
      zh: '在 check.spamhaus.org 查询该 IP，按所列名单的移除链接申请（滥用停止后 XBL/CSS 可自助移除）。',
    },
    say: { en: SAY_EN, zh: SAY_ZH },
    check: {
      en: `Look the IP up again at check.spamhaus.org, then ${CHECK_EN.charAt(0).toLowerCase()}${CHECK_EN.slice(1)}`,
      zh: `在 check.spamhaus.org 再次查询该 IP，然后${CHECK_ZH}`,
    },
  },
  {
    id: 'rbl',
    name: 'Other blocklist (RBL)',
    url: 'https://mxtoolbox.com/blacklists.aspx',
    meaning: {
      en: 'The receiver names a DNS blocklist (SpamCop, SORBS, Barracuda, …) or refuses our IP as "blocked".',
      zh: '对方引用了某个 DNS 黑名单（SpamCop、SORBS、Barracuda 等）或以“blocked”拒收我们的 IP。',
    },
    where: {
      en: "The list's own lookup page, named in the reply; a multi-list lookup (mxtoolbox.com/blacklists.aspx) shows which lists hold the IP.",
      zh: '回复中提到的黑名单自己的查询页；多名单查询（mxtoolbox.com/blacklists.aspx）可看到该 IP 在哪些名单上。',
    },
    say: { en: SAY_EN, zh: SAY_ZH },
    check: { en: CHECK_EN, zh: CHECK_ZH },
  },
];

const BY_PROVIDER: [RegExp, DelistingId][] = [
  [/^qq$|tencent/i, 'qq'],
  [/netease|163|126/i, 'netease'],
  [/gmail|google/i, 'gmail'],
  [/microsoft|outlook|hotmail/i, 'microsoft'],
  [/yahoo|aol/i, 'yahoo'],
  [/spamhaus/i, 'spamhaus'],
];
const BY_SITE: [RegExp, DelistingId][] = [
  [/(^|\.)qq\.com$|(^|\.)foxmail\.com$/i, 'qq'],
  [/(^|\.)(163|126|yeah)\.net$|(^|\.)(163|126)\.com$|netease/i, 'netease'],
  [/(^|\.)(gmail|google|googlemail)\.com$/i, 'gmail'],
  [/(^|\.)(outlook|hotmail|live|msn)\.com$|protection\.outlook/i, 'microsoft'],
  [/(^|\.)(yahoo|aol|yahoodns)\.(com|net)$/i, 'yahoo'],
];

/** The checklist entry for one refusing site: by the classifier's provider, then the reply, then the site; null when nothing says who. */
export function delistingFor(r: { site: string; reply: string; provider: string | null; blocked: boolean }): DelistingEntry | null {
  const pick = (id: DelistingId) => DELISTING.find((d) => d.id === id) ?? null;
  if (/spamhaus/i.test(r.reply)) return pick('spamhaus');
  for (const [re, id] of BY_PROVIDER) if (r.provider && re.test(r.provider)) return pick(id);
  for (const [re, id] of BY_SITE) if (re.test(r.site)) return pick(id);
  if (r.blocked || /\b(rbl|dnsbl|blocklist|blacklist|blocked)\b/i.test(r.reply)) return pick('rbl');
  return null;
}

/** One entry per provider, with the sites that sent its refusals. */
export function delistingChecklist(
  refusing: { site: string; reply: string; provider: string | null; blocked: boolean }[],
): { entry: DelistingEntry; sites: string[]; sample: string }[] {
  const out = new Map<DelistingId, { entry: DelistingEntry; sites: string[]; sample: string }>();
  for (const r of refusing) {
    const entry = delistingFor(r);
    if (!entry) continue;
    const row = out.get(entry.id) ?? { entry, sites: [], sample: r.reply };
    if (!row.sites.includes(r.site)) row.sites.push(r.site);
    out.set(entry.id, row);
  }
  return [...out.values()];
}
