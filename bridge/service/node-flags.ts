// The Node flags the bridge runs with, wherever it runs (npm start, the container, the desktop
// service, the benchmark): 8 MB semi-spaces for the young generation, and an old generation capped
// well above what the bridge holds (about 20 MB), so that V8 collects instead of growing the heap
// under load (without the cap, 50 connections took the process from 95 MB to 175–183 MB).
export const BRIDGE_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=256'] as const;
