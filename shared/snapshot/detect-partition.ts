/**
 * The partition of an account (`aws`, `aws-cn`, `aws-us-gov`, …) is read from the ARNs in its
 * data, never assumed: the graph's node keys and every ARN built by the loader use it.
 */
import { parseArn } from '../arn/parse-arn.js';

const PARTITION = /^aws(?:-[a-z]+)*$/;

/** A well-formed partition name. */
export function isPartition(value: string): boolean {
  return PARTITION.test(value);
}

/** Counts the partitions and account ids named by ARNs. */
export class ArnSurvey {
  readonly partitions = new Map<string, number>();
  readonly accounts = new Map<string, number>();

  /** Records `value` when it is an ARN with a well-formed partition; other values are ignored. */
  add(value: unknown): void {
    if (typeof value !== 'string') return;
    const arn = parseArn(value);
    if (arn === undefined || !isPartition(arn.partition)) return;
    this.partitions.set(arn.partition, (this.partitions.get(arn.partition) ?? 0) + 1);
    if (arn.accountId !== '' && arn.accountId !== 'aws') {
      this.accounts.set(arn.accountId, (this.accounts.get(arn.accountId) ?? 0) + 1);
    }
  }

  /** The most frequent partition (ties: the first seen), or undefined when no ARN was seen. */
  get partition(): string | undefined {
    return mostFrequent(this.partitions);
  }

  /** The most frequent account id, or undefined. */
  get account(): string | undefined {
    return mostFrequent(this.accounts);
  }
}

function mostFrequent(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}
