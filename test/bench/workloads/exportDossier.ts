import type { ResultRow } from '../resultTable.js';

/**
 * Workload 5, exporting a large case as a dossier, waits for packages/dossier. When it exists:
 * export the workload-1 case (HTML, JSON with ClaimReview, ZIP with the hash manifest) and time it
 * against writing the same bytes to disk. Until then the table says so.
 */
export async function exportDossier(): Promise<ResultRow[]> {
  return [
    {
      workload: '5 export',
      figure: 'dossier of the large case',
      value: 'not built yet',
      note: 'packages/dossier does not exist yet; see README.md, "5. Export"',
    },
  ];
}
