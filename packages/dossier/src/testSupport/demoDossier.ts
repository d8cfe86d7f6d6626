import { captureEvidence, type Investigator, sha256HexSync } from '@casefile/model';
import { writeDemoCase } from '@casefile/model/demo';
import * as Y from 'yjs';
import { buildDossier } from '../common/buildDossier.js';
import type { DossierCase } from '../common/caseJson.js';
import type { BlobSource } from '../common/evidenceFiles.js';

export const CYRILLIC = 'Министерство обороны Республики Казахстан';
export const KAZAKH = 'Қазақстан Республикасы Қорғаныс министрлігі';

const ANALYST: Investigator = { id: 'analyst-1', name: 'Field analyst' };

export interface TestCase {
  doc: Y.Doc;
  dossier: DossierCase;
  blobs: Map<string, Uint8Array>;
  source: BlobSource;
}

/** The demo case, optionally with screenshots attached (their bytes beside the demo's quotes). */
export function demoCase(images: Array<{ bytes: Uint8Array; mime: string; name: string }> = []): TestCase {
  const doc = new Y.Doc();
  const now = new Date('2024-03-01T10:00:00Z');
  const demo = writeDemoCase(doc, now);
  const blobs = new Map(demo.blobs.map((blob) => [blob.sha256, blob.bytes]));
  for (const image of images) {
    const sha256 = sha256HexSync(image.bytes);
    blobs.set(sha256, image.bytes);
    captureEvidence(
      doc,
      {
        kind: 'screenshot',
        captureTool: 'Casefile test (paste)',
        title: `Screenshot ${image.name}`,
        files: [{ sha256, size: image.bytes.length, mime: image.mime, name: image.name, role: 'original' }],
      },
      { by: ANALYST, now },
    );
  }
  const dossier = buildDossier(doc, 'casedemo0001', { now: new Date('2024-03-02T09:30:00Z') });
  return { doc, dossier, blobs, source: async (sha) => blobs.get(sha) ?? null };
}
