import type { Investigator } from '@casefile/model';
import type { ReactNode } from 'react';
import { formatUpdatedAt } from '../../caseList/caseDates';

/** "Added by Aigerim · 25 Nov 2025, 14:03" and the item's actions. */
export function ItemFooter({
  verb = 'Added',
  by,
  at,
  children,
}: {
  verb?: string;
  by: Investigator;
  at: string;
  children?: ReactNode;
}) {
  const when = formatUpdatedAt(at);
  return (
    <div className="item-card__footer">
      <p className="item-card__meta">
        {verb} by {by.name || 'someone'}
        {when && (
          <>
            {' · '}
            <time dateTime={at}>{when}</time>
          </>
        )}
      </p>
      <div className="item-card__actions">{children}</div>
    </div>
  );
}
