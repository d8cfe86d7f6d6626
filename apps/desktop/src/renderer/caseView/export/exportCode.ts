/**
 * The export's code (the dossier package, fonts) is a chunk of its own, loaded once: ahead, when a
 * case opens, so that an export still starts if the server goes away afterwards; the app does not
 * load it at start-up for people who never export.
 */
let loading: Promise<ExportCode> | null = null;

async function importExportCode() {
  const [run, local, server] = await Promise.all([
    import('./runExport'),
    import('./localExport'),
    import('./serverExport'),
  ]);
  return { ...run, ...local, ...server };
}

export type ExportCode = Awaited<ReturnType<typeof importExportCode>>;

export function loadExportCode(): Promise<ExportCode> {
  loading ??= importExportCode().catch((error: unknown) => {
    loading = null;
    throw new Error(
      `Casefile could not load its export code (${(error as Error).message}). Nothing was saved. Reload Casefile while connected, then export again.`,
    );
  });
  return loading;
}
