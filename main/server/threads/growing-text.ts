/**
 * Text that grows by many small deltas (a streaming message, a command's output). Appending each
 * delta to a string keeps a link and the delta's own string per append until the text is read;
 * 200,000 deltas of one message were several times the text's size. Here deltas are joined a
 * batch at a time, so the text costs about its length.
 */
const BATCH = 256;

export class GrowingText {
  private text: string;
  private parts: string[] = [];

  constructor(initial = '') {
    this.text = initial;
  }

  append(delta: string): void {
    this.parts.push(delta);
    if (this.parts.length >= BATCH) this.join();
  }

  get value(): string {
    if (this.parts.length > 0) this.join();
    return this.text;
  }

  private join(): void {
    this.text += this.parts.join('');
    this.parts = [];
  }
}
