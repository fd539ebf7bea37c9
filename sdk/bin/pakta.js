#!/usr/bin/env node
// The `pakta` command: the compiled CLI (`npm run build -w sdk` makes dist/), so plain Node 20+ runs it, no TypeScript
// loader needed.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
