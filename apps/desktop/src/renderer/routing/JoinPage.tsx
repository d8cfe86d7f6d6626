import { useEffect, useRef, useState } from 'react';
import { useCasefile } from '../app/CasefileContext';
import { describeError } from '../app/describeError';
import { caseHref, casesHref } from './hashRoute';

/**
 * `#/join/<token>`: an invitation link. Keeps the token for this server (the page's own origin in
 * the browser), reconnects with it and goes to the invited case, or to the list for a token that
 * covers every case. The token leaves the address bar (replace), so it is not in the history.
 */
export function JoinPage({ token }: { token: string }) {
  const { acceptInvitation } = useCasefile();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    acceptInvitation(token).then(
      (claims) => window.location.replace(claims.caseId ? caseHref(claims.caseId) : casesHref),
      (failure: unknown) => setError(describeError(failure, 'Signing in')),
    );
  }, [acceptInvitation, token]);
  return (
    <section className="page page--narrow">
      <h1>Signing in…</h1>
      {error && (
        <p className="field-error" role="alert">
          {error} <a href={casesHref}>Go to your cases</a>.
        </p>
      )}
    </section>
  );
}
