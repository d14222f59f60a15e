// The history view's picked day: a date field to choose it, and the twin at the end of that day drawn
// with the twin panel's own renderers. Pure DOM building, shared by the view, the preview and the tests.
import type { StatusResponse } from '../../bridge/contract/responses';
import type { BridgeFailure } from '../bridge-client/bridge-client';
import { moment } from '../time/moment';
import { renderTwinFigures } from './twin-panel-render';
import { div, failureBox } from './dom';

/** The day shown, and how asking the bridge for it went. */
export interface DayState {
  /** YYYY-MM-DD. */
  day: string;
  status: StatusResponse | null;
  loading: boolean;
  error: BridgeFailure | null;
}

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A day as a person says it: `Tuesday, 14 January 2025` (in the app's language). */
export function dayName(day: string): string {
  const parsed = moment(day, 'YYYY-MM-DD', undefined, true);
  return parsed.isValid() ? parsed.format('dddd, D MMMM YYYY') : day;
}

export interface DayPicker {
  /** Puts a day in the field (a heading was clicked, or back to today). */
  setDay(day: string): void;
  /** The last day that may be picked: today. */
  setMax(day: string): void;
}

/** The date field and its "Show" button; a day is shown on the button or Enter, never while it is typed. */
export function renderDayPicker(root: HTMLElement, today: string, onPick: (day: string) => void): DayPicker {
  root.empty();
  root.addClass('dt-day-picker');
  const label = root.createEl('label', { cls: 'dt-day-picker-label' });
  label.createSpan({ text: 'Day' });
  const input = label.createEl('input', { cls: 'dt-day-input', type: 'date', value: today, attr: { max: today } });
  const button = root.createEl('button', { cls: 'dt-day-show', text: 'Show' });
  const pick = () => {
    if (DAY_PATTERN.test(input.value)) onPick(input.value);
  };
  button.onClickEvent(pick);
  input.addEventListener('keydown', (event: KeyboardEvent) => {
    if (event.key === 'Enter') pick();
  });
  return {
    setDay: (day) => {
      input.value = day;
    },
    setMax: (day) => input.setAttr('max', day),
  };
}

function failure(root: HTMLElement, error: BridgeFailure, name: string): void {
  failureBox(root, error, `No twin for ${name}`);
}

/** The twin on the picked day: its name, the way back to today, then the panel's figures or why there are none. */
export function renderDay(root: HTMLElement, state: DayState, now: Date, onToday: () => void): void {
  root.empty();
  root.addClass('dt-day-view');
  const name = dayName(state.day);
  const head = div(root, 'dt-day-head');
  head.createEl('h3', { cls: 'dt-day-name', text: name });
  head.createEl('button', { cls: 'dt-day-today', text: 'Back to today' }).onClickEvent(onToday);
  if (state.loading) div(root, 'dt-state dt-state-loading', `Loading ${name}…`);
  if (state.error !== null) {
    failure(root, state.error, name);
    return;
  }
  if (state.status === null) return;
  div(root, 'dt-muted dt-day-when', `The twin at the end of the day, ${state.status.state.timezone} time.`);
  renderTwinFigures(div(root, 'dt-day-figures'), state.status, now);
}
