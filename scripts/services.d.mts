// Types for scripts/services.mjs (plain ESM so the test runner needs no TypeScript loader).

export interface RunningRedis {
  url: string;
  port: number;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

export interface RunningElasticsearch extends RunningRedis {
  urls: string[];
  ports: number[];
  pids: number[];
  logFiles: string[];
  basePath: string;
}

export function startRedis(options?: {
  appendonly?: boolean;
  dir?: string;
  port?: number;
}): Promise<RunningRedis>;
export function startElasticsearch(options?: {
  nodes?: number;
  basePath?: string;
  heap?: string;
  settings?: Record<string, unknown>;
}): Promise<RunningElasticsearch>;
export function ensureElasticsearchClasspath(options?: { quiet?: boolean }): string;
export function freePort(): Promise<number>;
