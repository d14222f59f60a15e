// Prompts a person picks in their agent: the morning briefing, and the weekly review for a date.
// Each carries the tool's text of the moment, and is there only while that tool is allowed.
import type { GetPromptResult, Prompt } from '@modelcontextprotocol/sdk/types.js';
import type { McpToolName } from '../config/mcp-tool-names';

interface PromptSpec {
  prompt: Prompt;
  tool: McpToolName;
  /** The request to the model around the tool's text. */
  ask: (text: string, args: Record<string, string>) => string;
}

const PROMPTS: PromptSpec[] = [
  {
    prompt: { name: 'morning_briefing', title: 'Morning briefing', description: "Brief the person on today from the twin's state: the one thing to do first, then training, money and pantry." },
    tool: 'status',
    ask: (text) =>
      `This is my digital twin this morning:\n\n${text}\n\nGive me my morning briefing in a few short lines: the one thing to do first today, then what needs attention in training, money and the pantry. Only use the figures above.`,
  },
  {
    prompt: {
      name: 'weekly_review',
      title: 'Weekly review',
      description: 'Review the week from Monday to a day (default today) against last week and the same week a year ago.',
      arguments: [{ name: 'date', description: 'the last day of the review, YYYY-MM-DD; default today', required: false }],
    },
    tool: 'weekly_review',
    ask: (text, args) =>
      `This is my week${args.date ? ` up to ${args.date}` : ''} from my digital twin:\n\n${text}\n\nWrite my weekly review: what went well, what slipped compared with last week and a year ago, and one concrete aim for next week in each of training, money and the pantry. Only use the figures above.`,
  },
];

const allows = (allowed: readonly string[] | null, tool: McpToolName) => allowed === null || allowed.includes(tool);

export function promptListing(allowed: readonly string[] | null): Prompt[] {
  return PROMPTS.filter((p) => allows(allowed, p.tool)).map((p) => p.prompt);
}

export function findPrompt(name: string, allowed: readonly string[] | null): PromptSpec | null {
  return PROMPTS.find((p) => p.prompt.name === name && allows(allowed, p.tool)) ?? null;
}

export function promptResult(spec: PromptSpec, text: string, args: Record<string, string>): GetPromptResult {
  return { description: spec.prompt.description, messages: [{ role: 'user', content: { type: 'text', text: spec.ask(text, args) } }] };
}
