import { z } from 'zod';
import { intString } from '@/lib/zod/strict';
import { FINGERPRINT_RE } from '@/lib/ssh/fingerprint-format';

// What an admin may say about a mail host, shared by the API and the form.
// Paths and names here end up as arguments of remote commands (always quoted),
// so they are held to plain characters anyway.

export const HOST_NAME_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const HOSTNAME_RE = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const USERNAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
const PATH_RE = /^\/[A-Za-z0-9._@+/-]*$/;

const isIp = (v: string) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success;
// Forms send "" for a field left empty: that means "not set".
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const hostNameSchema = z.string().regex(HOST_NAME_RE, 'lower-case letters, digits and "-", starting with a letter or digit (at most 63)');

export const absolutePathSchema = z
  .string()
  .trim()
  .max(255)
  .regex(PATH_RE, 'must be an absolute path of plain characters')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".."');

const addressSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .refine((v) => isIp(v) || HOSTNAME_RE.test(v), 'must be a host name or an IP address');

const ipSchema = z.string().trim().refine(isIp, 'must be an IP address');

const fields = {
  address: addressSchema,
  // A JSON number, or digits only (a form's text): never '0x16', ' 22' or ''.
  port: z.union([z.number().int().min(1).max(65535), intString(1, 65535)]),
  username: z.string().trim().regex(USERNAME_RE, 'must be a plain user name'),
  privateKey: z
    .string()
    .max(32_000)
    .refine((k) => /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(k), 'paste the private key as text (-----BEGIN ... PRIVATE KEY-----)'),
  useSudo: z.boolean(),
  postfixConfigDir: z.preprocess(blankToNull, absolutePathSchema.nullable()),
  maillogPaths: z.array(absolutePathSchema).min(1, 'at least one log file').max(20),
  probeSourceIp: z.preprocess(blankToNull, ipSchema.nullable()),
  // authorized_keys from=: the console's addresses as the mail host sees them
  // (IPs, CIDRs, sshd's * and ? wildcards), comma-separated.
  keyFrom: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.replace(/\s+/g, '')) : v),
    z
      .string()
      .max(255)
      .regex(/^[0-9A-Fa-f.:/*?]{1,64}(?:,[0-9A-Fa-f.:/*?]{1,64}){0,15}$/, 'IP addresses or CIDRs, comma-separated')
      .nullable(),
  ),
};

// Without privateKey the console makes the host's key pair itself (the
// recommended way: the private half never exists outside the console).
export const hostCreateSchema = z.strictObject({
  name: hostNameSchema,
  ...fields,
  privateKey: fields.privateKey.optional(),
  port: fields.port.default(22),
  useSudo: fields.useSudo.default(true),
  postfixConfigDir: fields.postfixConfigDir.optional().default(null),
  maillogPaths: fields.maillogPaths.default(['/var/log/maillog']),
  probeSourceIp: fields.probeSourceIp.optional().default(null),
  keyFrom: fields.keyFrom.optional().default(null),
});

export const hostPatchSchema = z
  .strictObject({
    ...fields,
    // Forget the pinned and pending host keys, e.g. after moving the host to
    // another machine: the next test records the new key for acceptance.
    forgetHostKey: z.literal(true),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

export const acceptKeySchema = z.strictObject({
  fingerprint: z.string().trim().regex(FINGERPRINT_RE, 'must be a fingerprint like SHA256:…'),
});

export type HostCreateInput = z.input<typeof hostCreateSchema>;
export type HostCreate = z.output<typeof hostCreateSchema>;
export type HostPatch = z.output<typeof hostPatchSchema>;
