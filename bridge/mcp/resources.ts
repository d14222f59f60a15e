// Resources an agent can read (or attach) without calling a tool: the twin's status and insights
// now, and any day's status through a template. Each is the JSON of the matching tool's answer, and
// is there only while that tool is allowed.
import { ErrorCode, McpError, type ReadResourceResult, type Resource, type ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import type { McpToolName } from '../config/mcp-tool-names';

export const DAY_TEMPLATE = 'twin://day/{date}';

interface FixedResource extends Resource {
  tool: McpToolName;
}

const FIXED: FixedResource[] = [
  { uri: 'twin://status', name: 'status', title: 'Twin status now', description: 'The status tool\'s answer now: key figures, the briefing\'s state and the sync state, as JSON.', mimeType: 'application/json', tool: 'status' },
  { uri: 'twin://insights', name: 'insights', title: 'Insights now', description: 'The insights tool\'s answer now: trends, baselines and links between domains, as JSON.', mimeType: 'application/json', tool: 'insights' },
];

const DAY: ResourceTemplate = {
  uriTemplate: DAY_TEMPLATE,
  name: 'day',
  title: "A day's status",
  description: "The status tool's answer as it stood at the end of a day (YYYY-MM-DD, today or before), as JSON.",
  mimeType: 'application/json',
};

const allows = (allowed: readonly string[] | null, tool: McpToolName) => allowed === null || allowed.includes(tool);

export function resourceListing(allowed: readonly string[] | null): Resource[] {
  return FIXED.filter((r) => allows(allowed, r.tool)).map(({ tool: _, ...r }) => r);
}

export function templateListing(allowed: readonly string[] | null): ResourceTemplate[] {
  return allows(allowed, 'status') ? [DAY] : [];
}

/** The tool and arguments a resource URI reads; null when no allowed resource has it. */
export function resourceCall(uri: string, allowed: readonly string[] | null): { tool: McpToolName; args: Record<string, string> } | null {
  const fixed = FIXED.find((r) => r.uri === uri);
  if (fixed) return allows(allowed, fixed.tool) ? { tool: fixed.tool, args: {} } : null;
  const day = /^twin:\/\/day\/([^/?#]{1,40})$/.exec(uri);
  return day && allows(allowed, 'status') ? { tool: 'status', args: { date: decodeURIComponent(day[1]) } } : null;
}

export function resourceContents(uri: string, structured: unknown): ReadResourceResult {
  return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(structured) }] };
}

export const noResource = (uri: string) => new McpError(ErrorCode.InvalidParams, `no resource at ${JSON.stringify(uri.slice(0, 100))}; read twin://status, twin://insights or twin://day/YYYY-MM-DD`);
