import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { IS_APPLE } from '../app/applePlatform';
import type { Route } from '../routing/hashRoute';
import { searchHref } from '../routing/hashRoute';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * "Search cases" in the app header. Ctrl+K (⌘K) or "/" focuses it from anywhere; inside a rich-text
 * editor Ctrl+K makes a link, which the editor handles first (and "/" is typed as text). Enter
 * opens the results; on the results page they follow the words as they are typed.
 */
export function SearchBox({ route }: { route: Route }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const onSearchPage = route.page === 'search';
  const routeQuery = route.page === 'search' ? route.query : null;
  const [text, setText] = useState(routeQuery ?? '');

  useEffect(() => {
    if (routeQuery !== null && document.activeElement !== input.current) setText(routeQuery);
  }, [routeQuery]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      const modifier = event.ctrlKey || event.metaKey;
      const commandK = modifier && !event.shiftKey && event.key.toLowerCase() === 'k';
      const slash = !modifier && event.key === '/' && !isTyping(event.target);
      if (!commandK && !slash) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    window.location.hash = searchHref(text);
  };

  const onChange = (next: string) => {
    setText(next);
    // On the results page the address follows the words without a history entry per keystroke.
    if (onSearchPage) window.location.replace(searchHref(next));
  };

  return (
    <search className="search-box">
      <form onSubmit={onSubmit}>
        <label htmlFor={id} className="visually-hidden">
          Search cases
        </label>
        <input
          ref={input}
          id={id}
          type="search"
          className="search-box__input"
          value={text}
          placeholder={`Search cases (${IS_APPLE ? '⌘K' : 'Ctrl+K'})`}
          aria-keyshortcuts={IS_APPLE ? 'Meta+K /' : 'Control+K /'}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !onSearchPage) {
              setText('');
              input.current?.blur();
            }
          }}
        />
      </form>
    </search>
  );
}
