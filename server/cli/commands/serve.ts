/**
 * `trustmap serve [--db FILE | --from-dir DIR | --demo] [--host 127.0.0.1] [--port 8080]
 * [--schedule CRON] [--token-file FILE] [--max-graph-nodes N]`: the HTTP API and the web dashboard (docs/serve.md).
 */
import type { Command } from 'commander';
import { ScheduleError } from '../../schedule/scheduler.js';
import { resolveServeOptions, type ServeFlags } from '../../serve/serve-options.js';
import { StoreError } from '../../store/open-store.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';

export function register(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Serve the HTTP API and the web dashboard (127.0.0.1:8080 by default)')
    .option('--db <file>', 'store to serve (default: TRUSTMAP_DB, else <data dir>/trustmap.db)')
    .option('--from-dir <dir>', 'scan this snapshot directory at start and serve it')
    .option('--demo', 'write the demo organization to the data directory, scan it and serve it')
    .option('--demo-accounts <n>', 'accounts of the demo organization (default 40)')
    .option('--live', 'allow POST /api/scans and --schedule to collect live from AWS')
    .option('--host <address>', 'address to bind (default: TRUSTMAP_HOST, else 127.0.0.1)')
    .option('--port <port>', 'port (default: TRUSTMAP_PORT, else 8080)')
    .option('--schedule <cron>', 'run the scan in-process on this cron schedule, e.g. "0 3 * * *"')
    .option('--token-file <file>', 'bearer token required on /api (default: TRUSTMAP_TOKEN)')
    .option('--config <file>', 'analysis config: trusted accounts, crown jewels, suppressions')
    .option(
      '--allow-config-writes',
      'let the dashboard add suppressions to the --config file (POST /api/suppressions)',
    )
    .option('--no-access-log', 'do not print the access log')
    .option(
      '--allowed-host <name>',
      'also answer requests for this Host name (repeatable; default: loopback names and the bound address)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      '--behind-tls-proxy',
      'served through a TLS-terminating reverse proxy: send Strict-Transport-Security (docs/security.md)',
    )
    .option(
      '--max-graph-nodes <n>',
      'cap on the nodes of one /api/graph answer (default: TRUSTMAP_MAX_GRAPH_NODES, else 3000)',
    )
    .addHelpText(
      'after',
      '\nThe data directory: TRUSTMAP_DATA_DIR, else $XDG_DATA_HOME/trustmap, else ~/.local/share/trustmap.\n' +
        'Binding a non-loopback --host requires a token of 32+ random characters (openssl rand -hex 32).\n' +
        'Only loopback names, the bound address and --allowed-host names are answered (DNS rebinding).\n' +
        '\nExamples:\n  trustmap serve --demo\n  trustmap serve --db ./trustmap.db --port 9000\n' +
        '  trustmap serve --from-dir ./snapshot --schedule "0 3 * * *"\n' +
        '  trustmap serve --demo --demo-accounts 1000 --max-graph-nodes 60000\n',
    )
    .action(async (flags: ServeFlags) => {
      const options = resolveServeOptions(flags, io.env, io.cwd);
      let running;
      try {
        // Express, the store and the AWS SDK load only when the server starts.
        const { startServer } = await import('../../serve/serve-command.js');
        running = await startServer(options, io);
      } catch (err: unknown) {
        if ((err instanceof StoreError && err.exitCode === 2) || err instanceof ScheduleError)
          throw new UsageError(err.message);
        if (err instanceof StoreError) throw err;
        if (
          err instanceof Error &&
          'code' in err &&
          typeof err.code === 'string' &&
          ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'EINVAL'].includes(
            err.code,
          )
        )
          throw new UsageError(
            `--port ${String(options.port)}: cannot listen on ${options.host} (${err.code})`,
          );
        throw err;
      }
      io.out(`trustmap serve: listening on ${running.url}\n`);
      const server = running;
      await new Promise<void>((resolveDone) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolveDone);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
