'use client';

import { useEffect, useState } from 'react';

/** Shows, once, a warning the sign-in left behind (e.g. an expired manager account). */
export function LoginWarning() {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const stored = sessionStorage.getItem('mw_login_warning');
    if (stored) {
      sessionStorage.removeItem('mw_login_warning');
      // eslint-disable-next-line react-hooks/set-state-in-effect -- reading browser-only storage after mount
      setText(stored);
    }
  }, []);
  if (!text) return null;
  return (
    <div role="status" className="mb-4 flex items-start justify-between gap-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <span>{text}</span>
      <button onClick={() => setText(null)} className="text-amber-700 hover:text-amber-900" aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
