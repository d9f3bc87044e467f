/**
 * The registry of sub-commands. Each command lives in its own module and exports a
 * `register(program, io, setExit)` function; add it to this list.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { register as registerDemo } from './demo.js';
import { register as registerCollect } from './collect.js';
import { register as registerSimulate } from './simulate.js';
import { register as registerScan } from './scan.js';
import { register as registerServe } from './serve.js';
import { register as registerDiff } from './diff.js';
import { register as registerExport } from './export.js';
import { register as registerQuery } from './query.js';
import { register as registerFindings } from './findings.js';
import { register as registerWhatIf } from './what-if.js';

export type RegisterCommand = (
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerDemo,
  registerCollect,
  registerSimulate,
  registerScan,
  registerServe,
  registerDiff,
  registerExport,
  registerQuery,
  registerFindings,
  registerWhatIf,
];
