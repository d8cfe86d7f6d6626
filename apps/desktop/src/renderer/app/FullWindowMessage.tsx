import type { ReactNode } from 'react';

/** A message that replaces the whole app (start-up failure, crash): never a blank window. */
export function FullWindowMessage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="full-window">
      <div className="full-window__box" role="alert">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
