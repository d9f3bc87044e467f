/**
 * Serves the generated organization on the fake endpoint in its own process, so a benchmark can
 * measure the collector's memory apart from the fake's. Prints `{"url": "http://127.0.0.1:PORT"}`
 * on one line, then serves until it is sent SIGTERM or SIGINT.
 *
 * Run: npx tsx test/fake-aws/serve-fake-aws.ts --accounts 500 --latency 50
 */
import { startFakeAws } from './fake-aws-server.js';
import { generatedOrgScenario } from './scenarios/generated-org.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}: expected a whole number`);
  return value;
};

const fake = await startFakeAws(
  generatedOrgScenario({ accounts: flag('--accounts', 500), latencyMs: flag('--latency', 50) }),
);
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
const stop = (): void => {
  process.stdout.write(`${JSON.stringify({ requests: fake.stats.requests })}\n`);
  void fake.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
