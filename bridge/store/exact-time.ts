// A timestamptz column as microsecond UTC text, '2025-03-12T07:00:00.123456Z'. A JS Date keeps
// milliseconds only, and rows written within one millisecond must still be told apart: paging
// cursors and the webhook outbox's order use this text. Texts of this one format compare as the
// times do.
export function utcMicrosText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
