/**
 * What Tandem knows of model families it has no endpoint metadata for: context window, the
 * inputs they take, and whether they reason. One table, used wherever a model's limits are
 * needed (model/list, config/read, and the context window a turn reports when the endpoint does
 * not say). The first matching prefix wins, so longer prefixes come first.
 */

type InputModality = 'text' | 'image' | 'audio';

export interface KnownModel {
  /** Tokens the model can attend to (input and output together). */
  contextWindow: number;
  inputModalities: InputModality[];
  /** Whether it takes a reasoning effort. */
  reasoning: boolean;
}

const TEXT_IMAGE: InputModality[] = ['text', 'image'];

/** [id prefix, what is known], longest prefixes first where they share a start. */
const KNOWN: ReadonlyArray<readonly [string, KnownModel]> = [
  ['gpt-5', { contextWindow: 272_000, inputModalities: TEXT_IMAGE, reasoning: true }],
  ['gpt-4.1', { contextWindow: 1_047_576, inputModalities: TEXT_IMAGE, reasoning: false }],
  ['gpt-4o', { contextWindow: 128_000, inputModalities: TEXT_IMAGE, reasoning: false }],
  ['gpt-oss', { contextWindow: 131_072, inputModalities: ['text'], reasoning: true }],
  ['codex-mini', { contextWindow: 200_000, inputModalities: TEXT_IMAGE, reasoning: true }],
  ['o4-mini', { contextWindow: 200_000, inputModalities: TEXT_IMAGE, reasoning: true }],
  ['o3', { contextWindow: 200_000, inputModalities: TEXT_IMAGE, reasoning: true }],
  ['o1', { contextWindow: 200_000, inputModalities: TEXT_IMAGE, reasoning: true }],
];

/** What is known of `model` (an endpoint's id such as `gpt-5.5` or `openai/gpt-4o`), if anything. */
export function knownModel(model: string): KnownModel | undefined {
  // Routers prefix the vendor (`openai/gpt-4o`); local servers add a tag (`gpt-oss:20b`).
  const id = model.toLowerCase().split('/').at(-1) ?? '';
  return KNOWN.find(([prefix]) => id.startsWith(prefix))?.[1];
}
