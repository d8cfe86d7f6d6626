import { FullWindowMessage } from './FullWindowMessage';

/** Casefile could not open its local database (or start at all): what happened, what to do. */
export function StartupFailure({ error }: { error: unknown }) {
  const isStorage = error instanceof Error && (error.name === 'StorageError' || error.name === 'QuotaError');
  const message = error instanceof Error ? error.message : String(error);
  return (
    <FullWindowMessage title={isStorage ? 'Casefile cannot open its local database' : 'Casefile could not start'}>
      <p>{message}</p>
      {isStorage ? (
        <p>
          Your cases are kept in this {window.casefile ? 'app' : 'browser'}’s own storage, which Casefile has left as it
          was.
        </p>
      ) : (
        <p>Reload to try again. If it keeps failing, tell your team what this message says.</p>
      )}
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload Casefile
        </button>
      </p>
    </FullWindowMessage>
  );
}
