#!/usr/bin/env node
// The `spark-tuner` command: runs the compiled CLI in lib/ (built by `npm ci` through the `prepare` script).
import { main } from '../lib/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
