import { createHmac, randomUUID } from 'node:crypto';

/**
 * The Jupyter wire protocol (messaging spec 5.3): a message travels as zmq frames
 * `[...identities, "<IDS|MSG>", hmac, header, parent_header, metadata, content, ...buffers]`,
 * signed with HMAC-SHA256 over the four JSON parts.
 * https://jupyter-client.readthedocs.io/en/stable/messaging.html#the-wire-protocol
 */
export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface JupyterMessage<C = Record<string, unknown>> {
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
}

const DELIMITER = '<IDS|MSG>';

/** Signs and encodes messages for one kernel session. */
export class WireCodec {
  constructor(private readonly key: string, readonly session: string = randomUUID()) {}

  /** A new request message from this client. */
  request<C>(msgType: string, content: C): JupyterMessage<C> {
    return {
      header: {
        msg_id: randomUUID(),
        msg_type: msgType,
        session: this.session,
        username: 'paperlab',
        date: new Date().toISOString(),
        version: '5.3',
      },
      parent_header: {},
      metadata: {},
      content,
    };
  }

  encode(msg: JupyterMessage<unknown>): Buffer[] {
    const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p)));
    return [Buffer.from(DELIMITER), Buffer.from(this.sign(parts)), ...parts];
  }

  /** Decodes frames; throws on a bad signature (a message not from our kernel). */
  decode(frames: Buffer[]): JupyterMessage {
    const at = frames.findIndex((f) => f.toString() === DELIMITER);
    if (at < 0 || frames.length < at + 6) throw new Error('jupyter wire: malformed message (no delimiter or missing parts)');
    const signature = frames[at + 1]!.toString();
    const parts = frames.slice(at + 2, at + 6);
    if (this.key && signature !== this.sign(parts)) throw new Error('jupyter wire: bad HMAC signature');
    const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p.toString()) as unknown);
    return {
      header: header as MessageHeader,
      parent_header: parent as Partial<MessageHeader>,
      metadata: metadata as Record<string, unknown>,
      content: content as Record<string, unknown>,
    };
  }

  private sign(parts: Buffer[]): string {
    if (!this.key) return '';
    const hmac = createHmac('sha256', this.key);
    for (const p of parts) hmac.update(p);
    return hmac.digest('hex');
  }
}
