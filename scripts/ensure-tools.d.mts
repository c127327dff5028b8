// Types for scripts/ensure-tools.mjs (plain ESM, run by scripts/test.mjs before anything is installed).

type Env = Record<string, string | undefined>;

export interface Tool {
  name: string;
  command?: (env: Env) => string;
  file?: (env: Env) => string;
  pkg: string;
  for: 'services' | 'browser';
}

export const TOOLS: Tool[];

export type ToolPlan =
  | { action: 'none' }
  | { action: 'install'; packages: string[] }
  | { action: 'fail'; message: string };

export function planTools(state: {
  missing: string[];
  services: boolean;
  browser: boolean;
  isRoot: boolean;
  hasApt: boolean;
}): ToolPlan;

export function needsBrowser(vitestArgs: string[]): boolean;

export function findMissing(env?: Env): string[];

export function ensureTools(options: {
  services: boolean;
  browser: boolean;
  env?: Env;
  log?: (message: string) => void;
}): number;
