import type { ButtonHTMLAttributes } from 'react';

// The console's buttons: one look per kind, in one place.

export const buttonClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50';
export const primaryButtonClass = 'rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50';
export const dangerButtonClass = 'rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-50';

const KINDS = { default: buttonClass, primary: primaryButtonClass, danger: dangerButtonClass } as const;

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { kind?: keyof typeof KINDS };

/** A button of one of the console's kinds; `className` adds to it (layout, not looks). */
export function Button({ kind = 'default', className, type = 'button', ...rest }: Props) {
  return <button type={type} className={className ? `${KINDS[kind]} ${className}` : KINDS[kind]} {...rest} />;
}
