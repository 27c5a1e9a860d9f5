import { AppError } from '@/lib/errors';

// Every way a mail host can let us down, as one error type the API maps to a
// 502 whose details name the kind, so the UI can say what to do about it.

export const HOST_ERROR_KINDS = [
  'unreachable',
  'auth_refused',
  'host_key_changed',
  'host_key_unknown',
  'sudo_refused',
  'tool_missing',
  'mail_system_down',
  // A helper refused the host's own setup (a config directory others can write).
  'unsafe_config',
  'timeout',
  'command_failed',
  'output_too_large',
] as const;

export type HostErrorKind = (typeof HOST_ERROR_KINDS)[number];

export class HostError extends AppError {
  constructor(
    readonly kind: HostErrorKind,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super('host_error', message, { kind, ...extra });
    this.name = 'HostError';
  }
}

export const isHostError = (err: unknown, kind?: HostErrorKind): err is HostError => err instanceof HostError && (kind === undefined || err.kind === kind);
