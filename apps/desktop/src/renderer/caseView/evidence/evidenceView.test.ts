import { describe, expect, it } from 'vitest';
import { EVIDENCE_VIEW_KEY, readEvidenceView, writeEvidenceView } from './evidenceView';

function memoryStore() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => {
      values.set(key, value);
    },
  };
}

describe('the remembered evidence view', () => {
  it('is the list until the gallery was chosen, then the gallery', () => {
    const store = memoryStore();
    expect(readEvidenceView(store)).toBe('list');
    writeEvidenceView(store, 'gallery');
    expect(store.getItem(EVIDENCE_VIEW_KEY)).toBe('gallery');
    expect(readEvidenceView(store)).toBe('gallery');
    writeEvidenceView(store, 'list');
    expect(readEvidenceView(store)).toBe('list');
  });

  it('falls back to the list when storage is missing, refuses or holds something else', () => {
    expect(readEvidenceView(null)).toBe('list');
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readEvidenceView(refusing)).toBe('list');
    expect(() => writeEvidenceView(refusing, 'gallery')).not.toThrow();
    const odd = memoryStore();
    odd.setItem(EVIDENCE_VIEW_KEY, 'table');
    expect(readEvidenceView(odd)).toBe('list');
  });
});
