#!/usr/bin/env -S node --import tsx
import { runAdminCommand, UsageError } from './adminCommands.js';

runAdminCommand(process.argv.slice(2), (text) => process.stdout.write(text)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof RangeError;
    process.stderr.write(
      `casefile-sync: ${(error as Error).message}\n${known ? 'Run with --help to see the commands.\n' : ''}`,
    );
    process.exit(known ? 2 : 1);
  },
);
