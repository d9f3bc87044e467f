/**
 * The scan shown (its id from the URL; undefined for the newest), for components deep in a list
 * that read the API themselves (a hop's statement) and must read the same scan as the view.
 */
import { createContext, useContext } from 'react';

export const ScanContext = createContext<string | undefined>(undefined);

export function useScan(): string | undefined {
  return useContext(ScanContext);
}
