// The Node flags the bridge runs with, wherever it runs (npm start, the container, the desktop
// service, the benchmark): a small young generation, and an old generation capped well above what the
// bridge holds (about 20 MB), so that V8 collects instead of growing the heap under load.
export const BRIDGE_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=256'] as const;
