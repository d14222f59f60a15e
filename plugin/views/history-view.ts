// The history view: pages of /history, newest first, with "Load older" paging. Its paging state is
// its own; the data comes through the host (the plugin's bridge client).
import { ItemView } from 'obsidian';
import type { WorkspaceLeaf } from 'obsidian';
import type { HistoryResponse } from '../../bridge/contract/responses';
import type { BridgeResult, HistoryQuery } from '../bridge-client/bridge-client';
import { mergeOlder } from './history-model';
import { EMPTY_HISTORY, HISTORY_RENDER_STEP, renderHistory } from './history-render';
import type { HistoryState } from './history-render';

export const VIEW_TYPE_HISTORY = 'digital-twin-history';
export const HISTORY_PAGE_SIZE = 50;

export interface HistoryHost {
  fetchHistory(query: HistoryQuery): Promise<BridgeResult<HistoryResponse>>;
}

export class HistoryView extends ItemView {
  private state: HistoryState = EMPTY_HISTORY;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly host: HistoryHost,
  ) {
    super(leaf);
  }

  override getViewType(): string {
    return VIEW_TYPE_HISTORY;
  }

  override getDisplayText(): string {
    return 'Twin history';
  }

  override getIcon(): string {
    return 'history';
  }

  override async onOpen(): Promise<void> {
    this.addAction('refresh-cw', 'Refresh', () => {
      void this.reload();
    });
    // Opening never waits on the network: the view shows "Loading" (or what it had) and fills in later.
    this.show(this.state);
    void this.reload();
  }

  override async onClose(): Promise<void> {
    this.contentEl.empty();
  }

  /** Loads the newest page, replacing what is shown. */
  async reload(): Promise<void> {
    this.show({ ...this.state, loading: true });
    const result = await this.host.fetchHistory({ limit: HISTORY_PAGE_SIZE });
    if (result.ok) this.show({ entries: result.data.items, nextCursor: result.data.next_cursor, loading: false, error: null, shown: HISTORY_RENDER_STEP });
    else this.show({ ...this.state, loading: false, error: result });
  }

  /** Appends the next older page. */
  async loadOlder(): Promise<void> {
    const cursor = this.state.nextCursor;
    if (cursor === null || this.state.loading) return;
    this.show({ ...this.state, loading: true });
    const result = await this.host.fetchHistory({ limit: HISTORY_PAGE_SIZE, cursor });
    if (result.ok) {
      // Everything loaded so far is drawn, so the new page appears right below the old one.
      const entries = mergeOlder(this.state.entries, result.data.items);
      this.show({ entries, nextCursor: result.data.next_cursor, loading: false, error: null, shown: entries.length });
    } else {
      this.show({ ...this.state, loading: false, error: result });
    }
  }

  /** Draws more of the entries already loaded. */
  showMore(): void {
    this.show({ ...this.state, shown: (this.state.shown ?? HISTORY_RENDER_STEP) + HISTORY_RENDER_STEP });
  }

  private show(state: HistoryState): void {
    this.state = state;
    renderHistory(
      this.contentEl,
      this.state,
      () => {
        void this.loadOlder();
      },
      () => this.showMore(),
    );
  }
}
