import path from 'node:path';

// A mailbox's Maildir on the mail host: the row's `maildir` below the host's
// virtual_mailbox_base. Pure. The same rules as scripts/host/mw-maildir,
// checked here first so a bad row never reaches a host: relative, no '.' or
// '..' segment, plain characters, and inside the base once joined. (The
// helper checks again on the host, symlinks included.)

const REL = /^[A-Za-z0-9_@+=-][A-Za-z0-9_.@+=/-]{0,254}$/;

export class MaildirPathError extends Error {}

/** The row's maildir as the helper takes it (trailing slash dropped). */
export function maildirRelative(maildir: string): string {
  const rel = maildir.trim().replace(/\/+$/, '');
  if (rel === '' || rel.startsWith('/')) throw new MaildirPathError(`maildir "${maildir}" must be relative to virtual_mailbox_base`);
  if (!REL.test(rel)) throw new MaildirPathError(`maildir "${maildir}" contains characters a Maildir path should not`);
  if (rel.split('/').some((seg) => seg === '..' || seg === '.' || seg === ''))
    throw new MaildirPathError(`maildir "${maildir}" must not contain "." or ".." segments`);
  return rel;
}

/** The absolute Maildir path, required to stay inside the base. */
export function maildirPath(base: string, maildir: string): string {
  const b = base.trim().replace(/\/+$/, '');
  if (!b.startsWith('/') || /[\0\n\r]/.test(b)) throw new MaildirPathError(`virtual_mailbox_base "${base}" is not an absolute path`);
  const full = path.posix.normalize(`${b}/${maildirRelative(maildir)}`);
  if (!full.startsWith(`${path.posix.normalize(b)}/`)) throw new MaildirPathError(`maildir "${maildir}" resolves outside ${b}`);
  return full;
}

/** Maildir++ folder name for one quarantine run: `.Quarantine.Mailwarden-20261127T221500Z`. */
export function quarantineFolder(at: Date): string {
  return `.Quarantine.Mailwarden-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}
