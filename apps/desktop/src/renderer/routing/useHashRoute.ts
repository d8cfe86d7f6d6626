import { useEffect, useState } from 'react';
import { parseHashRoute, type Route } from './hashRoute';

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHashRoute(window.location.hash));
  useEffect(() => {
    const onHashChange = () => setRoute(parseHashRoute(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    onHashChange();
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return route;
}
