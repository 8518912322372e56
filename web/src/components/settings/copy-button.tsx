'use client';

import { useState } from 'react';

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'idle' | 'ok' | 'fail'>('idle');
  return (
    <button
      type="button"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setDone('ok');
        } catch {
          setDone('fail');
        }
        setTimeout(() => setDone('idle'), 2000);
      }}
    >
      <span aria-live="polite">
        {done === 'ok' ? 'Copied' : done === 'fail' ? 'Select and copy by hand' : label}
      </span>
    </button>
  );
}
