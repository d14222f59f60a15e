// One logger for the bridge: JSON lines by default, readable lines in a terminal. Connection URLs
// and keys never reach it (see redact).
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export function createLogger(o: { level: string; format: 'json' | 'pretty' | 'auto' }): Logger {
  const usePretty = o.format === 'pretty' || (o.format === 'auto' && process.stdout.isTTY === true);
  const options = {
    level: o.level,
    base: undefined,
    redact: { paths: ['*.password', '*.apiKey', '*.url', 'req.headers.authorization', 'req.headers["x-api-key"]'], censor: '[hidden]' },
  };
  return usePretty ? pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })) : pino(options);
}

export const silentLogger: Logger = pino({ level: 'silent' });
