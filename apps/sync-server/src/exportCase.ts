import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BlobSource,
  buildDossier,
  type DossierFormat,
  DossierInputError,
  DossierIntegrityError,
  type ExportedDossier,
} from '@casefile/dossier';
import { exportDossierInNode, type NodeExportOptions } from '@casefile/dossier/node';
import { isCaseInitialized, listCases, readMeta, WORKSPACE_ROOM } from '@casefile/model';
import * as Y from 'yjs';
import { BlobFiles } from './blobFiles.js';
import { readCustody } from './custodyLog.js';
import { type DocumentStore, LevelDocumentStore, StoreLockedError } from './persistence.js';

/**
 * Exports a case the server stores, with the same code as the command line and the app: the
 * web build asks its server for an export, and the server runs this. Reads only; writes nothing.
 */

/** The store holds no case with the id asked for (the HTTP route answers 404). */
export class StoredCaseMissingError extends DossierInputError {
  override name = 'StoredCaseMissingError';
}

/** The case's custody record does not verify; a dossier must not carry a broken record, so none was made. */
export class CustodyChainBrokenError extends DossierIntegrityError {
  override name = 'CustodyChainBrokenError';
}

/** A case as the export list shows it. */
export interface StoredCase {
  id: string;
  title: string;
}

async function loadDocument(store: DocumentStore, room: string): Promise<Y.Doc | null> {
  const updates = await store.loadUpdates(room);
  if (updates.length === 0) return null;
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/** The cases in the team's workspace list, with each case's current title (from its own document). */
export async function listStoredCases(store: DocumentStore): Promise<StoredCase[]> {
  const workspace = await loadDocument(store, WORKSPACE_ROOM);
  if (!workspace) return [];
  const cases: StoredCase[] = [];
  for (const entry of listCases(workspace)) {
    const doc = await loadDocument(store, entry.id);
    if (!doc) continue;
    cases.push({ id: entry.id, title: readMeta(doc).title || entry.title });
    doc.destroy();
  }
  workspace.destroy();
  return cases;
}

/**
 * Evidence bytes of one case from the server's blob files: only blobs the case holds, as the blob
 * routes serve them (a blob another case holds is not this case's).
 */
export function caseBlobSource(store: DocumentStore, blobs: BlobFiles, caseId: string): BlobSource {
  return async (sha256) => {
    if (!(await store.holdsBlob(caseId, sha256))) return null;
    const blob = await blobs.read(sha256);
    if (!blob) return null;
    const chunks: Uint8Array[] = [];
    for await (const chunk of blob.stream()) chunks.push(chunk as Uint8Array);
    return new Uint8Array(Buffer.concat(chunks));
  };
}

// The custody record comes from the store, never from the caller.
export interface ExportCaseOptions extends Omit<NodeExportOptions, 'blobs' | 'custody'> {
  /** The export time written into the dossier; defaults to now. */
  now?: Date;
}

/**
 * Exports case `caseId` to `format` from a store and its blob files. Throws StoredCaseMissingError
 * (a DossierInputError) when the store has no such case. The caller writes the bytes (or sends them).
 */
export async function exportCase(
  store: DocumentStore,
  blobs: BlobFiles,
  caseId: string,
  format: DossierFormat,
  options: ExportCaseOptions = {},
): Promise<ExportedDossier> {
  const doc = await loadDocument(store, caseId);
  if (!doc || !isCaseInitialized(doc)) {
    doc?.destroy();
    throw new StoredCaseMissingError(
      `This server stores no case with the id ${JSON.stringify(caseId)}. List the cases with --list and copy an id.`,
    );
  }
  const { now, ...exportOptions } = options;
  let custody: NodeExportOptions['custody'];
  try {
    // Only a bundle carries the custody record (custody-log.json, its last hash in the manifest).
    if (format === 'bundle') {
      const { entries, verification, lastHash } = await readCustody(store, caseId);
      if (!verification.valid) {
        throw new CustodyChainBrokenError(
          `The custody record of this case does not verify (entry ${verification.brokenAt}: ${verification.reason}), and a dossier must not carry a broken record, so no bundle was made. Whoever runs the server should compare the data directory with its backups.`,
        );
      }
      // readCustody names the genesis hash for an empty record; the manifest says null (no last entry).
      custody = { entries, lastHash: entries.length > 0 ? lastHash : null };
    }
    const dossier = buildDossier(doc, caseId, now ? { now } : {});
    return await exportDossierInNode(dossier, format, {
      ...exportOptions,
      ...(custody ? { custody } : {}),
      blobs: caseBlobSource(store, blobs, caseId),
    });
  } finally {
    doc.destroy();
  }
}

/**
 * Opens a sync server's data directory for reading. Refuses a directory that holds no Casefile
 * data (rather than creating one), and says so when a running server holds it.
 */
export async function openDataDirectory(dataDir: string): Promise<{ store: LevelDocumentStore; blobs: BlobFiles }> {
  const documents = await stat(join(dataDir, 'documents')).catch(() => null);
  if (!documents?.isDirectory()) {
    throw new DossierInputError(
      `${dataDir} is not a Casefile sync server’s data directory (it has no documents folder). Pass the directory the server runs with (--data).`,
    );
  }
  let store: LevelDocumentStore;
  try {
    // No background compaction: an export only reads.
    store = await LevelDocumentStore.open(dataDir, { compactAfterUpdates: Number.MAX_SAFE_INTEGER });
  } catch (error) {
    if (error instanceof StoreLockedError) {
      throw new DossierInputError(
        `The data directory ${dataDir} is in use by a running Casefile sync server, which keeps it locked. Stop that server (Ctrl+C) and run the export again.`,
      );
    }
    throw error;
  }
  try {
    return { store, blobs: await BlobFiles.open(dataDir) };
  } catch (error) {
    await store.close();
    throw error;
  }
}
