import { type Evidence, getEvidence } from '@casefile/model';
import * as Y from 'yjs';

const LINK_TARGETS = ['claims', 'actors', 'events'] as const;
const LINK_FIELDS = ['claimIds', 'actorIds', 'eventIds'] as const;

/**
 * The case's evidence as plain items, kept up to date item by item. Reading all 5,000 items on
 * every keystroke in a description would stall typing; here a change re-reads only the items it
 * touched (found from the paths of Yjs's deep events), and the list's snapshot is a new array only
 * when something changed, so React renders only then.
 */
export class EvidenceIndex {
  private readonly items = new Map<string, Evidence>();
  private snapshot: readonly Evidence[] = [];
  private readonly listeners = new Set<() => void>();
  private stop: (() => void) | null = null;

  constructor(private readonly doc: Y.Doc) {
    this.readAll();
  }

  getSnapshot = (): readonly Evidence[] => this.snapshot;

  get(id: string): Evidence | undefined {
    return this.items.get(id);
  }

  /** For useSyncExternalStore: observes the document while anyone listens. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.stop === null) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.stop?.();
        this.stop = null;
      }
    };
  };

  private start(): void {
    // Changes may have happened while nobody listened.
    this.readAll();
    const evidence = this.doc.getMap('evidence');
    const onEvidence = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      const changed = new Set<string>();
      for (const event of events) {
        if (event.target === evidence && event instanceof Y.YMapEvent) {
          for (const key of event.keysChanged) changed.add(key);
        } else {
          const [id] = event.path;
          if (typeof id === 'string') changed.add(id);
        }
      }
      this.reread(changed);
    };
    // A link to a claim, actor or event reads as absent while its target is missing (added offline
    // to an item deleted meanwhile): when targets come or go, re-read the items that name them.
    const onTargets = (event: Y.YMapEvent<unknown>) => this.rereadLinking(event.keysChanged);
    evidence.observeDeep(onEvidence);
    const targets = LINK_TARGETS.map((name) => this.doc.getMap(name));
    for (const target of targets) target.observe(onTargets);
    this.stop = () => {
      evidence.unobserveDeep(onEvidence);
      for (const target of targets) target.unobserve(onTargets);
    };
  }

  private readAll(): void {
    this.items.clear();
    for (const id of this.doc.getMap('evidence').keys()) {
      const item = getEvidence(this.doc, id);
      if (item) this.items.set(id, item);
    }
    this.snapshot = Array.from(this.items.values());
  }

  private reread(ids: Iterable<string>): void {
    let changed = false;
    for (const id of ids) {
      const item = getEvidence(this.doc, id);
      if (item) this.items.set(id, item);
      else this.items.delete(id);
      changed = true;
    }
    if (!changed) return;
    this.snapshot = Array.from(this.items.values());
    for (const listener of [...this.listeners]) listener();
  }

  private rereadLinking(targetIds: Set<string>): void {
    if (targetIds.size === 0) return;
    const affected: string[] = [];
    for (const [id, map] of this.doc.getMap('evidence').entries()) {
      if (!(map instanceof Y.Map)) continue;
      const links = LINK_FIELDS.some((field) => {
        const list = map.get(field);
        return list instanceof Y.Array && list.toArray().some((value) => targetIds.has(value as string));
      });
      if (links) affected.push(id);
    }
    this.reread(affected);
  }
}
