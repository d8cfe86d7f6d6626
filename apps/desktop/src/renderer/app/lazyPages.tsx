import { Component, type ComponentProps, type ErrorInfo, lazy, type ReactNode, Suspense } from 'react';
import { whenIdle } from './whenIdle';

/*
 * The pages that only a case or a search needs are chunks of their own, loaded when first shown:
 * the case view brings Lexical, the evidence list's virtualiser and every tab, the search page
 * MiniSearch. The first chunk is then what the case list needs, so that a first visit shows the
 * list sooner (test/bench/README.md, "6. Cold start"). The service worker precaches every chunk
 * (vite.web.config.ts), so a case still opens offline.
 */

const loadCaseView = () => import('../caseView/CaseViewPage');
const loadSearch = () => import('../search/SearchPage');

const LazyCaseViewPage = lazy(() => loadCaseView().then((module) => ({ default: module.CaseViewPage })));
const LazySearchPage = lazy(() => loadSearch().then((module) => ({ default: module.SearchPage })));

let caseViewRequested = false;

/**
 * Fetches and runs the case view's code ahead of the first case, once: when the list is on screen and
 * the browser is idle, or at once when a case link is pointed at or focused.
 */
export function preloadCaseView(): void {
  if (caseViewRequested) return;
  caseViewRequested = true;
  loadCaseView().catch((error: unknown) => {
    // Opening a case tries again and says so if it fails too.
    caseViewRequested = false;
    console.warn('Casefile could not load the case view ahead of time:', error);
  });
}

/** `preloadCaseView` when the browser has nothing else to do; returns a cancel function. */
export function preloadCaseViewWhenIdle(): () => void {
  if (caseViewRequested) return () => {};
  return whenIdle(preloadCaseView);
}

export function CaseViewPage(props: ComponentProps<typeof LazyCaseViewPage>) {
  return (
    <PageCode>
      <Suspense fallback={<p className="page page__note">Opening the case…</p>}>
        <LazyCaseViewPage {...props} />
      </Suspense>
    </PageCode>
  );
}

export function SearchPage(props: ComponentProps<typeof LazySearchPage>) {
  return (
    <PageCode>
      <Suspense fallback={<p className="page page__note">Opening search…</p>}>
        <LazySearchPage {...props} />
      </Suspense>
    </PageCode>
  );
}

interface PageCodeState {
  error: Error | null;
}

/**
 * A page whose code could not be loaded (the server unreachable and no service worker yet, or an
 * update that removed the old chunks) says so in the page, and the rest of the app keeps working.
 * Errors drawing the page itself go on to AppErrorBoundary.
 */
class PageCode extends Component<{ children: ReactNode }, PageCodeState> {
  override state: PageCodeState = { error: null };

  static getDerivedStateFromError(error: unknown): PageCodeState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    if (isCodeLoadError(error)) console.error('Casefile could not load this page:', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    // Anything else is a crash of the page: the app's boundary above handles it.
    if (!isCodeLoadError(error)) throw error;
    return (
      <section className="page" role="alert">
        <h1>This page could not be loaded</h1>
        <p>
          Casefile could not fetch the code for this page ({error.message || error.name}). Your cases are saved on this
          device. Check the connection to the server, then reload Casefile.
        </p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload Casefile
          </button>
        </p>
      </section>
    );
  }
}

/** What a failed dynamic import throws in Chromium, Firefox and Safari, or Vite's preload helper. */
function isCodeLoadError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i.test(
    error.message,
  );
}
