// Runs the trustmap CLI from the TypeScript sources (node --import tsx), so browser tests always
// exercise the current server code rather than a stale dist/.
import { main } from '../../../server/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
