import { watchCaseUploads } from '@casefile/storage';
import { useEffect, useState } from 'react';
import { useCasefile } from '../../app/CasefileContext';

/**
 * How many of the case's files only this device holds so far (the upload queue, which survives a
 * restart): what is at stake if the device is lost before the server can be reached.
 */
export function WaitingUploads({ caseId }: { caseId: string }) {
  const { db, blobs } = useCasefile();
  const [waiting, setWaiting] = useState(0);
  useEffect(() => watchCaseUploads(db, caseId, setWaiting), [db, caseId]);
  // With no server every file is only here by design; there is nothing to wait for.
  if (waiting === 0 || blobs.serverUrl === null) return null;
  return (
    <p className="notice notice--info" role="status">
      {waiting === 1
        ? '1 file of this case is only on this device so far: it uploads to the sync server as soon as the server can be reached.'
        : `${waiting} files of this case are only on this device so far: they upload to the sync server as soon as the server can be reached.`}
    </p>
  );
}
