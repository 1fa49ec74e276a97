import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

export interface ConnectionInfo {
  transport: 'tcp';
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: 'hmac-sha256';
  kernel_name: string;
}

/** A free loopback port: bind port 0, read it, release it (the kernel binds it right after). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Fresh ports and a random HMAC key on 127.0.0.1, written where the kernel will read them. */
export async function writeConnectionFile(path: string, kernelName: string): Promise<ConnectionInfo> {
  const ports = new Set<number>();
  while (ports.size < 5) ports.add(await freePort());
  const [shell, iopub, stdin, control, hb] = [...ports];
  const info: ConnectionInfo = {
    transport: 'tcp',
    ip: '127.0.0.1',
    shell_port: shell!,
    iopub_port: iopub!,
    stdin_port: stdin!,
    control_port: control!,
    hb_port: hb!,
    key: randomBytes(32).toString('hex'),
    signature_scheme: 'hmac-sha256',
    kernel_name: kernelName,
  };
  writeFileSync(path, JSON.stringify(info, null, 2), { mode: 0o600 });
  return info;
}

/**
 * Why TCP on 127.0.0.1 does not work here, or undefined when it does: listens on a free port and
 * connects to it. With the loopback interface down (e.g. a fresh network namespace) the listen
 * still succeeds but the connect fails (ENETUNREACH), and a kernel would never be reached.
 */
export function loopbackProblem(timeoutMs = 2_000): Promise<string | undefined> {
  return new Promise((resolveProblem) => {
    const server = createServer((socket) => socket.destroy());
    let done = false;
    const finish = (problem?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      server.close();
      resolveProblem(problem);
    };
    const timer = setTimeout(() => finish(`connect to 127.0.0.1 got no answer within ${timeoutMs / 1000} s`), timeoutMs);
    server.on('error', (err: NodeJS.ErrnoException) => finish(`listen on 127.0.0.1 failed: ${err.code ?? err.message}`));
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const client = connect(port, '127.0.0.1');
      client.on('connect', () => {
        client.destroy();
        finish();
      });
      client.on('error', (err: NodeJS.ErrnoException) => finish(`connect to 127.0.0.1 failed: ${err.code ?? err.message}`));
    });
  });
}
