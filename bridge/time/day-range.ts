// A range of days as the reads take it: [from, to) in YYYY-MM-DD, asked on a day whose month starts
// at `open`. Days before `open` belong to closed months, which no later day can add to.
export interface DayRange {
  from: string;
  to: string;
  /** First day of the current month. */
  open: string;
}
