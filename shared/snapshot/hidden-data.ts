/**
 * Which accounts' data a snapshot holds only in part: the load issues marked `hidesData`
 * (a truncated listing, a skipped principal or policy, a document that could not be read, an
 * account file that could not be parsed), grouped by the account whose folder holds the file.
 * Missing data is never read as "no access": such an account's coverage is `partial`.
 */
import type { LoadIssue, Snapshot } from './types.js';

const ACCOUNT_FOLDER = /^(\d{12})\//;

/** The account id of the folder that holds `file` (`111111111111/iam.json`), if any. */
export function accountOfFile(file: string): string | undefined {
  return ACCOUNT_FOLDER.exec(file)?.[1];
}

/** Issues that hide principals or policies, by account id (accounts in folder-name order). */
export function hiddenDataByAccount(snapshot: Pick<Snapshot, 'issues'>): Map<string, LoadIssue[]> {
  const out = new Map<string, LoadIssue[]>();
  for (const issue of snapshot.issues) {
    if (issue.hidesData !== true) continue;
    const id = accountOfFile(issue.file);
    if (id === undefined) continue;
    let list = out.get(id);
    if (list === undefined) out.set(id, (list = []));
    list.push(issue);
  }
  return out;
}
