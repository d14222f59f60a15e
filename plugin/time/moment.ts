// Obsidian bundles moment and exports it; its typing (`typeof Moment` of a namespace import) is not
// callable under esModuleInterop, so re-type it once here. Type-only import: nothing is bundled.
import { moment as obsidianMoment } from 'obsidian';
import type momentFn from 'moment';

export const moment = obsidianMoment as unknown as typeof momentFn;
