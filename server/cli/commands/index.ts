/**
 * The registry of sub-commands. Each command lives in its own module and exports a
 * `register(program, io, setExit)` function; add an entry to this list.
 *
 * Modules load lazily: `trustmap X …` imports the module of X alone, and `trustmap --help`
 * lists the commands from the names and summaries below without importing any of them, so the
 * AWS SDK, Express or the policy engine never load for a command that does not use them.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

export type RegisterCommand = (
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
) => void;

export interface CommandEntry {
  name: string;
  /** One line for `trustmap --help`; the module's own description is shown by `X --help`. */
  summary: string;
  load: () => Promise<{ register: RegisterCommand }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'demo',
    summary: 'Write a synthetic AWS Organization (snapshot directory) to explore trustmap with',
    load: () => import('./demo.js'),
  },
  {
    name: 'collect',
    summary:
      'Read IAM, S3, workloads, resource policies and the organization from AWS into a snapshot',
    load: () => import('./collect.js'),
  },
  {
    name: 'simulate',
    summary: 'Could this exact call succeed? Decide one request against a snapshot',
    load: () => import('./simulate.js'),
  },
  {
    name: 'scan',
    summary: 'Collect (or read --from-dir), analyze, store and compare with the previous scan',
    load: () => import('./scan.js'),
  },
  {
    name: 'serve',
    summary: 'Serve the HTTP API and the web dashboard (127.0.0.1:8080 by default)',
    load: () => import('./serve.js'),
  },
  {
    name: 'diff',
    summary: 'Compare two stored scans (default: the latest with the one before)',
    load: () => import('./diff.js'),
  },
  {
    name: 'export',
    summary:
      'Export the access graph (JSON, GraphML, GEXF, BloodHound OpenGraph, Cypher, Neo4j CSV)',
    load: () => import('./export.js'),
  },
  {
    name: 'query',
    summary: 'Ask the access graph: who can assume a role, paths, who can reach, blast radius',
    load: () => import('./query.js'),
  },
  {
    name: 'findings',
    summary:
      'Findings: public and external trust, vendor and OIDC gaps, paths to admins, exposed resources',
    load: () => import('./findings.js'),
  },
  {
    name: 'what-if',
    summary:
      'Apply a planned change (Terraform plan or change file) and report what it opens or closes',
    load: () => import('./what-if.js'),
  },
];
