import type * as nbformat from '@jupyterlab/nbformat';

export type Output = nbformat.IOutput;

/**
 * Turns a cell's iopub messages into nbformat outputs, as a notebook front end would:
 * consecutive stream text is merged, `update_display_data` rewrites the output it names,
 * `clear_output` (with wait) clears before the next output arrives.
 */
export class OutputCollector {
  readonly outputs: Output[] = [];
  private readonly byDisplayId = new Map<string, Output[]>();
  private clearPending = false;

  /** Applies one iopub message; returns true when the outputs changed. */
  handle(msgType: string, content: Record<string, unknown>): boolean {
    switch (msgType) {
      case 'stream':
        return this.stream(String(content.name), String(content.text ?? ''));
      case 'display_data':
      case 'execute_result':
        return this.display(msgType, content);
      case 'update_display_data':
        return this.update(content);
      case 'error':
        return this.push({
          output_type: 'error',
          ename: String(content.ename ?? ''),
          evalue: String(content.evalue ?? ''),
          traceback: (content.traceback as string[] | undefined) ?? [],
        });
      case 'clear_output':
        if (content.wait) this.clearPending = true;
        else this.outputs.length = 0;
        return !content.wait;
      default:
        return false; // execute_input, comm messages: nothing to keep
    }
  }

  /** All text a stream ("stdout" or "stderr") carried. */
  text(name: 'stdout' | 'stderr'): string {
    return this.outputs
      .filter((o): o is nbformat.IStream => o.output_type === 'stream' && o.name === name)
      .map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text))
      .join('');
  }

  private push(output: Output): boolean {
    if (this.clearPending) {
      this.outputs.length = 0;
      this.clearPending = false;
    }
    this.outputs.push(output);
    return true;
  }

  private stream(name: string, text: string): boolean {
    const last = this.outputs[this.outputs.length - 1];
    if (!this.clearPending && last && last.output_type === 'stream' && last.name === name) {
      last.text = String(last.text) + text;
      return true;
    }
    return this.push({ output_type: 'stream', name: name === 'stderr' ? 'stderr' : 'stdout', text });
  }

  private display(msgType: 'display_data' | 'execute_result', content: Record<string, unknown>): boolean {
    const output = {
      output_type: msgType,
      data: (content.data ?? {}) as nbformat.IMimeBundle,
      metadata: (content.metadata ?? {}) as nbformat.OutputMetadata,
      ...(msgType === 'execute_result' ? { execution_count: (content.execution_count as number | undefined) ?? null } : {}),
    } as Output;
    const id = (content.transient as { display_id?: string } | undefined)?.display_id;
    if (id) this.byDisplayId.set(id, [...(this.byDisplayId.get(id) ?? []), output]);
    return this.push(output);
  }

  private update(content: Record<string, unknown>): boolean {
    const id = (content.transient as { display_id?: string } | undefined)?.display_id;
    const targets = id ? this.byDisplayId.get(id) : undefined;
    if (!targets) return false;
    for (const t of targets) {
      (t as nbformat.IDisplayData).data = (content.data ?? {}) as nbformat.IMimeBundle;
      (t as nbformat.IDisplayData).metadata = (content.metadata ?? {}) as nbformat.OutputMetadata;
    }
    return true;
  }
}
