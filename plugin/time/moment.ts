// Obsidian bundles moment and exports it, so the plugin ships none of its own (the community
// directory bans a `moment` dependency). Its typing (`typeof Moment` of a namespace import) is not
// callable under esModuleInterop; the call is re-typed once here from moment's own `utc` signature.
import { moment as obsidianMoment } from 'obsidian';

type MomentFactory = typeof obsidianMoment.utc;

export const moment = obsidianMoment as unknown as (...input: Parameters<MomentFactory>) => ReturnType<MomentFactory>;
