#!/usr/bin/env node
// The `spark-tuner` command: runs the compiled CLI in lib/ (built by `npm ci` through the `prepare` script).
import { main } from '../lib/cli/main.js';

// `spark-tuner summarize … | head`: a reader that stops early is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
