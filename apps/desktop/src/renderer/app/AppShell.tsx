import { useEffect, useRef } from 'react';
import { CaseListPage } from '../caseList/CaseListPage';
import { casesHref, settingsHref } from '../routing/hashRoute';
import { JoinPage } from '../routing/JoinPage';
import { useHashRoute } from '../routing/useHashRoute';
import { SearchBox } from '../search/SearchBox';
import { SettingsPage } from '../settings/SettingsPage';
import { CaseViewPage, SearchPage } from './lazyPages';
import { StorageErrorBanner } from './StorageErrorBanner';

export function AppShell() {
  const route = useHashRoute();
  useFocusMainHeadingOnNavigation(route.page === 'case' ? `case/${route.caseId}` : route.page);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <a className="app-header__brand" href={casesHref}>
          Casefile
        </a>
        <nav aria-label="Main">
          <a href={casesHref} aria-current={route.page === 'cases' ? 'page' : undefined}>
            Cases
          </a>
          <a href={settingsHref} aria-current={route.page === 'settings' ? 'page' : undefined}>
            Settings
          </a>
        </nav>
        <SearchBox route={route} />
      </header>
      <StorageErrorBanner />
      <main id="main" className="app-main" tabIndex={-1}>
        {route.page === 'cases' && <CaseListPage />}
        {route.page === 'case' && <CaseViewPage key={route.caseId} caseId={route.caseId} tab={route.tab} />}
        {route.page === 'search' && <SearchPage query={route.query} />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'join' && <JoinPage token={route.token} />}
        {route.page === 'unknown' && (
          <section className="page">
            <h1>Page not found</h1>
            <p>
              Casefile has no page at “{route.hash}”. <a href={casesHref}>Go to your cases</a>.
            </p>
          </section>
        )}
      </main>
    </>
  );
}

/**
 * After moving to another page, a keyboard or screen-reader user lands on its heading rather
 * than at the top of the document, unless the page put the focus somewhere itself (a new case
 * focuses its title).
 */
function useFocusMainHeadingOnNavigation(place: string): void {
  const previous = useRef(place);
  useEffect(() => {
    if (previous.current === place) return;
    previous.current = place;
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      const heading = document.querySelector<HTMLElement>('#main h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [place]);
}
