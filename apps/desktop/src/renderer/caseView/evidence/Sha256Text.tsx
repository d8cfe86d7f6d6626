import { useEffect, useRef, useState } from 'react';

/**
 * A file's SHA-256 as text: all 64 hex characters (a reader compares them with a dossier or a
 * colleague's copy), and a button that copies them.
 */
export function Sha256Text({ sha256, className }: { sha256: string; className?: string }) {
  const code = useRef<HTMLElement>(null);
  return (
    <span className={`sha256 ${className ?? ''}`}>
      <span className="sha256__label">SHA-256</span>{' '}
      <code ref={code} className="sha256__value" translate="no" title={sha256}>
        {sha256}
      </code>{' '}
      <CopyButton text={sha256} what="SHA-256" fallbackTarget={code} />
    </span>
  );
}

type CopyState = 'idle' | 'copied' | 'selected';

function CopyButton({
  text,
  what,
  fallbackTarget,
}: {
  text: string;
  what: string;
  fallbackTarget: React.RefObject<HTMLElement | null>;
}) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard access (an insecure origin, a refused permission): select the text instead.
      const target = fallbackTarget.current;
      const selection = window.getSelection();
      if (target && selection) {
        const range = document.createRange();
        range.selectNodeContents(target);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setState('selected');
    }
  };

  return (
    <button type="button" className="copy-button" onClick={copy}>
      {state === 'idle' && (
        <>
          Copy<span className="visually-hidden"> {what}</span>
        </>
      )}
      {state === 'copied' && (
        <span role="status">
          Copied<span className="visually-hidden"> {what}</span>
        </span>
      )}
      {state === 'selected' && <span role="status">Selected: press Ctrl+C</span>}
    </button>
  );
}
