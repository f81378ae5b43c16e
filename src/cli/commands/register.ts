import type { Command } from 'commander';

/**
 * Adds one command to a parent (the program, or a command group such as `simulate`). It must
 * stay cheap: declare the name, description, arguments and options, and import the
 * implementation inside the action (`(await import('./x-action.ts')).runX(…)`), so that
 * `effekt --help` and every other command load none of its dependencies.
 */
export type RegisterCommand = (parent: Command) => void;
