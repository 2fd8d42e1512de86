/** The viewer's receipt for a poll: the server's (public polls), the one this device kept, or recomputed from the kept ballot secret. */
import { useEffect, useState } from 'react';
import { receiptOfSecret } from '@linli/shared';
import { storedBallotSecret, storedReceipt } from './ballotSecret';

export function useMyReceipt(pollId: string, userId: string, fromServer: string | null): string | null {
  const kept = fromServer ?? storedReceipt(userId, pollId);
  const [derived, setDerived] = useState<string | null>(null);
  useEffect(() => {
    if (kept) return;
    const secret = storedBallotSecret(userId, pollId);
    // WebCrypto exists only in secure contexts (https, localhost): elsewhere the kept receipt is all there is.
    if (!secret || !globalThis.crypto?.subtle) return;
    let current = true;
    void receiptOfSecret(pollId, secret)
      .then((receipt) => {
        if (current) setDerived(receipt);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [kept, pollId, userId]);
  return kept ?? derived;
}
