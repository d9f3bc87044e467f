/**
 * The names of the accounts on screen (organization account names, vendor names), for showing
 * every principal with its account. Provided by the app from the graph it shows.
 */
import { createContext, useContext } from 'react';

export const AccountNamesContext = createContext<ReadonlyMap<string, string>>(new Map());

export function useAccountNames(): ReadonlyMap<string, string> {
  return useContext(AccountNamesContext);
}
