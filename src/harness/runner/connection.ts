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

/**
 * Ports handed to kernels of this process, with when: the OS may hand a released port out again at
 * once, and two kernels started side by side (parallel replays) must not both get it before either
 * has bound it. Other processes can still take one meanwhile: the kernel then fails its bind and
 * exits, and Kernel.start tries again on fresh ports.
 */
const handedOut = new Map<number, number>();
const HANDED_OUT_MS = 60_000;

/** Five distinct free ports that no kernel of this process got within the last minute. */
async function kernelPorts(): Promise<number[]> {
  const now = Date.now();
  for (const [port, at] of handedOut) if (now - at > HANDED_OUT_MS) handedOut.delete(port);
  const ports = new Set<number>();
  for (let tries = 0; ports.size < 5; tries++) {
    if (tries > 200) throw new Error(`no 5 free loopback ports after ${tries} tries (${handedOut.size} handed out within ${HANDED_OUT_MS / 1000} s)`);
    const port = await freePort();
    if (handedOut.has(port)) continue;
    handedOut.set(port, now); // at once: a concurrent call must not take it meanwhile
    ports.add(port);
  }
  return [...ports];
}

/** Fresh ports and a random HMAC key on 127.0.0.1, written where the kernel will read them. */
export async function writeConnectionFile(path: string, kernelName: string): Promise<ConnectionInfo> {
  const ports = await kernelPorts();
  const [shell, iopub, stdin, control, hb] = ports;
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
