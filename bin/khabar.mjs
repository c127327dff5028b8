#!/usr/bin/env node
// Launcher: registers the TypeScript loader, then runs the CLI from source (no build step to forget).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
