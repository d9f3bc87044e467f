/**
 * Runs the `trustmap` CLI from the TypeScript sources in a child process (for tests that must
 * kill the process midway): `node --import tsx test/fake-aws/run-cli.ts collect …`.
 */
import { main } from '../../server/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
