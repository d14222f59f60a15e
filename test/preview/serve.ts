// `npm run preview [-- --bridge URL --port N]`: serves the browser preview of the twin panel and the
// history view against a running bridge (start one with `npm start`). DIGITAL_TWIN_API_KEY, when set,
// is sent to the bridge by the preview server's proxy.
import { parseArgs } from 'node:util';
import { DEFAULT_BRIDGE_URL, DEFAULT_PREVIEW_PORT, startPreviewServer } from './preview-server';

const USAGE = `Usage: npm run preview -- [--bridge URL] [--port N]

  --bridge URL   the bridge to show (default ${DEFAULT_BRIDGE_URL}); env DIGITAL_TWIN_API_KEY is its key
  --port N       the preview's port on 127.0.0.1 (default ${DEFAULT_PREVIEW_PORT})
  --help         this text`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { bridge: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? DEFAULT_PREVIEW_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port: expected a port number, got ${JSON.stringify(values.port)}`);
    process.exit(2);
  }
  const bridgeUrl = values.bridge ?? DEFAULT_BRIDGE_URL;
  try {
    new URL(bridgeUrl);
  } catch {
    console.error(`--bridge: expected a URL such as ${DEFAULT_BRIDGE_URL}, got ${JSON.stringify(bridgeUrl)}`);
    process.exit(2);
  }

  const server = await startPreviewServer({ bridgeUrl, port, apiKey: process.env.DIGITAL_TWIN_API_KEY ?? null });
  console.log(`Digital Twin view preview: ${server.url}/  (bridge ${server.bridgeUrl}${process.env.DIGITAL_TWIN_API_KEY ? ', with the API key' : ''})`);
  console.log(`  light only: ${server.url}/?theme=light   dark only: ${server.url}/?theme=dark   phone: ${server.url}/?width=full`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') console.error(`Port ${err.message.match(/:(\d+)$/)?.[1] ?? ''} is in use; pick another with --port.`);
  else console.error(err.stack ?? String(error));
  process.exit(1);
});
