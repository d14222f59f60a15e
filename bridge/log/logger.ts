// One logger for the bridge: JSON lines by default, readable lines in a terminal. Connection URLs
// and keys never reach it (see redact).
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** `toStderr`: for `digital-twin mcp`, whose stdout carries nothing but the protocol. */
export function createLogger(o: { level: string; format: 'json' | 'pretty' | 'auto'; toStderr?: boolean }): Logger {
  const out = o.toStderr ? process.stderr : process.stdout;
  const usePretty = o.format === 'pretty' || (o.format === 'auto' && out.isTTY === true);
  const options = {
    level: o.level,
    base: undefined,
    redact: { paths: ['*.password', '*.apiKey', '*.url', 'req.headers.authorization', 'req.headers["x-api-key"]'], censor: '[hidden]' },
  };
  if (usePretty) return pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', destination: o.toStderr ? 2 : 1 }));
  return o.toStderr ? pino(options, pino.destination(2)) : pino(options);
}

export const silentLogger: Logger = pino({ level: 'silent' });
