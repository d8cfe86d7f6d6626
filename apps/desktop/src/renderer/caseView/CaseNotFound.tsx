import { casesHref } from '../routing/hashRoute';

export function CaseNotFound({ reason }: { reason: 'bad-id' | 'absent' | 'not-on-server' }) {
  const explanation = {
    'bad-id': 'This address does not name a case: a case address ends in 24 letters and digits.',
    absent: 'There is no case with this address on this device, and no sync server is set to fetch it from.',
    'not-on-server': 'Neither this device nor the sync server has a case with this address.',
  }[reason];
  return (
    <section className="page" role="alert">
      <h1>Case not found</h1>
      <p>{explanation} Check the link you followed, or ask the colleague who sent it.</p>
      <p>
        <a href={casesHref}>Back to cases</a>
      </p>
    </section>
  );
}
