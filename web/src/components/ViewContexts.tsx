/**
 * What every component of a view may read without it being passed down: the accounts' names on
 * screen and the scan shown.
 */
import type { ReactNode } from 'react';
import { AccountNamesContext } from './account-names.js';
import { ScanContext } from './scan-context.js';

export function ViewContexts({
  accountNames,
  scan,
  children,
}: {
  accountNames: ReadonlyMap<string, string>;
  scan: string | undefined;
  children: ReactNode;
}) {
  return (
    <AccountNamesContext value={accountNames}>
      <ScanContext value={scan}>{children}</ScanContext>
    </AccountNamesContext>
  );
}
