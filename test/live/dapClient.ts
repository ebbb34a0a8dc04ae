// A small Debug Adapter Protocol client over a child process's stdio, for the live-values bench and
// the recording of batch fixtures: it speaks to Debian's `python3 -m debugpy.adapter` as VS Code does.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

export class DapClient {
  private seq = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, (body: { success: boolean; body?: unknown; message?: string }) => void>();
  private readonly waiters: { event: string; resolve: (body: unknown) => void }[] = [];

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const header = this.buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const length = Number(/Content-Length: (\d+)/.exec(this.buffer.subarray(0, header).toString())![1]);
      if (this.buffer.length < header + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(header + 4, header + 4 + length).toString()) as { type: string; request_seq?: number; event?: string; body?: unknown; success?: boolean; message?: string; command?: string; seq?: number };
      this.buffer = this.buffer.subarray(header + 4 + length);
      if (message.type === 'response') this.pending.get(message.request_seq!)?.(message as never);
      else if (message.type === 'event') {
        const i = this.waiters.findIndex((w) => w.event === message.event);
        if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(message.body);
      } else if (message.type === 'request') {
        // Reverse requests (runInTerminal, startDebugging) are not used with console: internalConsole.
        this.send({ type: 'response', request_seq: message.seq, command: message.command, success: false });
      }
    }
  }

  private send(message: object): void {
    const text = JSON.stringify(message);
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  }

  request<T>(command: string, args: object = {}): Promise<T> {
    const seq = this.seq++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, (response) => (response.success ? resolve(response.body as T) : reject(new Error(`${command}: ${response.message}`))));
      this.send({ type: 'request', seq, command, arguments: args });
    });
  }

  event(name: string): Promise<unknown> {
    return new Promise((resolve) => this.waiters.push({ event: name, resolve }));
  }
}
