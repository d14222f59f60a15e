// The history view: pages of /history, newest first, with "Load older" paging, and the twin on a day
// the person picks (the date field or a day's heading) until "Back to today". Its paging and the day
// shown are its own; the data comes through the host (the plugin's bridge client).
import { ItemView } from 'obsidian';
import type { WorkspaceLeaf } from 'obsidian';
import type { HistoryResponse, StatusResponse } from '../../bridge/contract/responses';
import type { BridgeResult, HistoryQuery } from '../bridge-client/bridge-client';
import { localDateKey } from '../daily-note/briefing-schedule';
import { renderDay, renderDayPicker } from './history-day';
import type { DayPicker, DayState } from './history-day';
import { mergeOlder } from './history-model';
import { EMPTY_HISTORY, HISTORY_RENDER_STEP, renderHistory } from './history-render';
import type { HistoryState } from './history-render';

export const VIEW_TYPE_HISTORY = 'digital-twin-history';
export const HISTORY_PAGE_SIZE = 50;

export interface HistoryHost {
  fetchHistory(query: HistoryQuery): Promise<BridgeResult<HistoryResponse>>;
  /** The twin at the end of a day (YYYY-MM-DD). */
  fetchStatusOn(day: string): Promise<BridgeResult<StatusResponse>>;
  now(): Date;
}

export class HistoryView extends ItemView {
  private state: HistoryState = EMPTY_HISTORY;
  /** The day shown instead of the history; null for the history up to today. */
  private day: DayState | null = null;
  private picker: DayPicker | null = null;
  private bodyEl: HTMLElement | null = null;

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
      if (this.day !== null) void this.showDay(this.day.day);
    });
    this.contentEl.empty();
    // The field is drawn once, so what is typed in it survives the history redrawing below it.
    this.picker = renderDayPicker(this.contentEl.createDiv(), this.today(), (day) => void this.showDay(day));
    this.bodyEl = this.contentEl.createDiv();
    // Opening never waits on the network: the view shows "Loading" (or what it had) and fills in later.
    this.show(this.state);
    void this.reload();
  }

  /** Shows the twin at the end of `day` (YYYY-MM-DD) in place of the history. */
  async showDay(day: string): Promise<void> {
    this.picker?.setDay(day);
    this.day = { day, status: null, loading: true, error: null };
    this.draw();
    const result = await this.host.fetchStatusOn(day);
    // Another day was picked (or "Back to today") while this one loaded: its answer is not shown.
    if (this.day?.day !== day || !this.day.loading) return;
    this.day = result.ok ? { day, status: result.data, loading: false, error: null } : { day, status: null, loading: false, error: result };
    this.draw();
  }

  /** Back to the history up to today. */
  showToday(): void {
    this.day = null;
    this.picker?.setDay(this.today());
    this.draw();
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
    this.draw();
  }

  private draw(): void {
    const body = this.bodyEl;
    if (body === null) return;
    this.picker?.setMax(this.today());
    // Each renderer sets the classes it needs.
    body.className = '';
    if (this.day !== null) {
      renderDay(body, this.day, this.host.now(), () => this.showToday());
      return;
    }
    renderHistory(
      body,
      this.state,
      () => {
        void this.loadOlder();
      },
      () => this.showMore(),
      (day) => void this.showDay(day),
    );
  }

  private today(): string {
    return localDateKey(this.host.now());
  }
}
