'use client';

import { type ReactNode, useId, useRef } from 'react';
import { useModal } from './use-modal';

// The console's one modal dialog. Centred when it fits and scrolled from its
// top when it does not; on a phone a sheet from the bottom whose footer (the
// buttons) stays in reach of the thumb. Labelled by its title; focus is kept
// inside and given back to the opener; Escape closes unless `busy`.

const WIDTHS = { md: 'max-w-md', lg: 'max-w-lg', xl: 'max-w-2xl' } as const;

type Props = {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** The buttons, right-aligned; on a phone they stick to the bottom of the screen. */
  footer?: ReactNode;
  /** While the work runs Escape does nothing (Cancel is disabled too). */
  busy?: boolean;
  /** A red ring and title: the dialog does something that cannot be undone. */
  danger?: boolean;
  size?: keyof typeof WIDTHS;
  role?: 'dialog' | 'alertdialog';
  testid?: string;
};

export function Dialog({ title, onClose, children, footer, busy = false, danger = false, size = 'lg', role = 'dialog', testid }: Props) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  useModal(panel, () => {
    if (!busy) onClose();
  });
  return (
    <div className="fixed inset-0 z-50 overflow-y-auto bg-slate-900/40 sm:p-4">
      <div className="flex min-h-full items-end justify-center sm:items-center">
        <div
          ref={panel}
          role={role}
          aria-modal="true"
          aria-labelledby={titleId}
          tabIndex={-1}
          className={`w-full ${WIDTHS[size]} rounded-t-xl bg-white px-4 pt-5 shadow-xl outline-none sm:rounded-xl sm:px-6 sm:pt-6 ${danger ? 'ring-2 ring-red-500' : ''} ${footer ? '' : 'pb-5 sm:pb-6'}`}
          data-testid={testid}
        >
          <h2 id={titleId} className={`text-lg font-semibold ${danger ? 'text-red-700' : 'text-slate-900'}`}>
            {title}
          </h2>
          {children}
          {footer && (
            <div className="sticky bottom-0 -mx-4 mt-6 flex justify-end gap-2 border-t border-slate-100 bg-white px-4 py-3 sm:static sm:mx-0 sm:border-0 sm:px-0 sm:pt-0 sm:pb-6">
              {footer}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
