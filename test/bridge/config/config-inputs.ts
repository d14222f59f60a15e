// Loading the configuration in tests: no .env folder and an empty environment unless a test gives
// them, and the message of a refused configuration.
import { expect } from 'vitest';
import { ConfigError, loadConfig, type Config, type ConfigInputs } from '../../../bridge/config/config';

export const load = (o: ConfigInputs): Config => loadConfig({ envFileDir: null, env: {}, ...o });

export function refusal(o: ConfigInputs): string {
  try {
    load(o);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}
