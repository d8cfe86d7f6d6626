export type EvidenceView = 'list' | 'gallery';

export const EVIDENCE_VIEW_KEY = 'casefile.evidenceView';

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * The view the investigator chose last (list or gallery), remembered on this device. Storage
 * may be missing or refuse (a locked-down profile): the list is the default, and a choice that
 * cannot be stored still applies until the page closes.
 */
export function readEvidenceView(store: KeyValueStore | null): EvidenceView {
  try {
    return store?.getItem(EVIDENCE_VIEW_KEY) === 'gallery' ? 'gallery' : 'list';
  } catch {
    return 'list';
  }
}

export function writeEvidenceView(store: KeyValueStore | null, view: EvidenceView): void {
  try {
    store?.setItem(EVIDENCE_VIEW_KEY, view);
  } catch {
    // Not remembered; the choice still holds for now.
  }
}
