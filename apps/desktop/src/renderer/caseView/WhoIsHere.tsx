import type { RoomLease } from '@casefile/sync';
import { useId } from 'react';
import { useObservable } from '../sync/useObservable';

/** Everyone with this case open right now, this person included, each with their cursor colour. */
export function WhoIsHere({ lease }: { lease: RoomLease }) {
  const peers = useObservable(lease.peers);
  const headingId = useId();
  const sorted = [...peers].sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.name.localeCompare(b.name));
  return (
    <section className="who-is-here">
      <h2 id={headingId} className="who-is-here__heading">
        Who is here
      </h2>
      <ul className="who-is-here__list" aria-labelledby={headingId}>
        {sorted.map((peer) => (
          <li key={peer.clientId} className="who-is-here__person">
            <span className="colour-dot" style={{ backgroundColor: peer.color }} aria-hidden="true" />
            <span>
              {peer.name}
              {peer.isLocal && <span className="who-is-here__you"> (you)</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
