// The names of the bridge's MCP tools, which TWIN_MCP_TOOLS chooses from. The tools themselves are
// declared in bridge/mcp/tools.ts, whose table is keyed by these names (so neither list can drift).
export const MCP_TOOL_NAMES = [
  'status',
  'health',
  'finance',
  'finance_details',
  'upcoming_payments',
  'workout',
  'pantry',
  'forecast',
  'insights',
  'weekly_review',
  'history',
] as const;

export type McpToolName = (typeof MCP_TOOL_NAMES)[number];
