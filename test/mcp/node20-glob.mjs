// Preload for the MCP conformance suite's command line on Node 20: it imports `globSync` from
// `fs`, which Node added in 22. This hook hands that one package an `fs` with a small globSync
// (`**/name` patterns, all the suite asks for), and leaves every other import alone.
import { register } from 'node:module';

register('./node20-glob-hook.mjs', import.meta.url);
