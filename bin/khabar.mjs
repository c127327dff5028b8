#!/usr/bin/env node
// Launcher: runs the CLI from its compiled JavaScript when `npm run build` is current, else from the
// TypeScript sources through tsx (bin/runtime.mjs), so there is no build step to forget.
import { launch } from './runtime.mjs';

const { module } = await launch(new URL('..', import.meta.url), 'src/cli/main.ts', ['src']);
process.exitCode = await module.main(process.argv);
