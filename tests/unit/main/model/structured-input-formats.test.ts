/** outputSchema and image/text parts, as each wire format sends them. */
import { describe, expect, it } from 'vitest';
import { chatBody } from '../../../../main/model/chat-format';
import { responsesBody } from '../../../../main/model/responses-format';
import type { ModelRequest } from '../../../../main/model/types';

const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
const request = (extra: Partial<ModelRequest> = {}): ModelRequest => ({
  model: 'm',
  instructions: 'sys',
  input: [
    {
      type: 'user',
      text: 'look',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image', url: 'data:image/png;base64,AAAA', detail: 'original' },
      ],
    },
    { type: 'user', text: 'plain' },
  ],
  tools: [],
  effort: null,
  summary: null,
  ...extra,
});

describe('structured output and user content parts', () => {
  it('asks the Responses API for json_schema text and sends images as input_image', () => {
    const body = responsesBody(request({ outputSchema: schema }));
    expect(body.text).toEqual({ format: { type: 'json_schema', name: 'codex_output_schema', schema, strict: true } });
    expect(body.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'look' },
          { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'original' },
        ],
      },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'plain' }] },
    ]);
  });

  it('asks Chat Completions for a json_schema response_format and sends images as image_url parts', () => {
    const body = chatBody(request({ outputSchema: schema }));
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'codex_output_schema', schema, strict: true },
    });
    expect(body.messages.slice(1)).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          // Chat Completions has no "original": the closest is "high".
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'high' } },
        ],
      },
      { role: 'user', content: 'plain' },
    ]);
  });

  it('sends no format at all without an outputSchema', () => {
    expect(responsesBody(request())).not.toHaveProperty('text');
    expect(chatBody(request())).not.toHaveProperty('response_format');
  });
});
