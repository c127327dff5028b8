/**
 * Error taxonomy. The class decides what a driver does with a failure:
 * - {@link InputError}: the input itself is bad (binary, undecodable, too large, malformed). Never retried.
 * - {@link ConfigError}: the process is mis-configured. Fatal at start-up.
 * - {@link TransientError}: a dependency is unavailable for now (store, network). Retried with backoff.
 * Anything else is treated as transient by drivers, which is the safe default for unknown failures.
 */
export class KhabarError extends Error {
  /** Short machine-readable code, e.g. `binary-input`, `too-large`. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The input cannot be analysed as given; retrying will not help. */
export class InputError extends KhabarError {}

/** Configuration is invalid or incomplete. */
export class ConfigError extends KhabarError {}

/** A dependency failed in a way that may succeed later. */
export class TransientError extends KhabarError {}

/** True when retrying the failed work cannot help. */
export function isPermanent(error: unknown): boolean {
  return error instanceof InputError || error instanceof ConfigError;
}

/** A one-line description of any thrown value, for logs and CLI messages. */
export function describeError(error: unknown): string {
  if (error instanceof KhabarError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
