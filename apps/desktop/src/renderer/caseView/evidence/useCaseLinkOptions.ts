import { formatPreciseDate, listActors, listClaims, listEvents, observeCase } from '@casefile/model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { LinkOption } from '../fields/LinkChecklist';

export interface CaseLinkOptions {
  claims: LinkOption[];
  actors: LinkOption[];
  events: LinkOption[];
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function readOptions(doc: Y.Doc): CaseLinkOptions {
  return {
    claims: listClaims(doc).map((claim) => ({ id: claim.id, label: shorten(claim.text, 140) || 'Untitled claim' })),
    actors: listActors(doc).map((actor) => ({
      id: actor.id,
      label: `${actor.name || 'Unnamed actor'} (${actor.kind})`,
    })),
    events: listEvents(doc).map((event) => ({
      id: event.id,
      label: `${formatPreciseDate(event.date)} — ${shorten(event.title, 120) || 'Untitled event'}`,
    })),
  };
}

/** The case's claims, actors and events as the evidence editor offers them for linking, kept current. */
export function useCaseLinkOptions(doc: Y.Doc): CaseLinkOptions {
  const [options, setOptions] = useState(() => readOptions(doc));
  useEffect(() => {
    setOptions(readOptions(doc));
    return observeCase(doc, () => setOptions(readOptions(doc)));
  }, [doc]);
  return options;
}
