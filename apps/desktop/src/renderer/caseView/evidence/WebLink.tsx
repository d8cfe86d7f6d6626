import { openableWebUrl } from './webAddress';

/** A stored web address: a link that opens in the browser when it is http(s), plain text otherwise. */
export function WebLink({ url, className }: { url: string; className?: string }) {
  const href = openableWebUrl(url);
  if (href === null) {
    return (
      <span className={className} title="Not a web address: not opened">
        {url}
      </span>
    );
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={className}>
      {url}
    </a>
  );
}
