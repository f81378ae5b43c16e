/**
 * The `effekt` command line. Each sub-command lives in its own file under ./commands and
 * registers itself on the program; exit codes: 0 ok, 1 unexpected failure, 2 bad input.
 * Registering imports no command's implementation (see commands/register.ts): `effekt --help`
 * loads commander and nothing heavy.
 */
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.ts';
import { CliError, reportError } from './errors.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command();
  program
    .name('effekt')
    .description('Analyse randomised trials of social and mental-health interventions and turn their effects into municipal economics.')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError()
    // A subcommand's options are its own (e.g. `effekt simulate rollout --out …` is not the twin's --out).
    .enablePositionalOptions();
  for (const register of commands) register(program);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    return reportError(err);
  }
}

export { CliError };
