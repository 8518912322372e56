import { createServer, type Server, type Socket } from 'node:net';

/**
 * A small TCP server that talks like Jasmin's jCli (telnet on 8990): a login dialogue, the
 * `jcli : ` prompt, add blocks (`smppccm -a`, `filter -a`, `mtrouter -a`, `morouter -a`) with the
 * `> ` prompt closed by `ok`/`ko`, `smppccm -1 <cid>`, `persist`, `quit`, and jCli-style refusals
 * (`*** Unknown syntax`, `Unknown SMPPClientConfig key`, duplicate ids). It records what it was told.
 */
export interface FakeJcli {
  port: number;
  /** every line received after login */
  commands: string[];
  connectors: Map<string, Record<string, string>>;
  started: Set<string>;
  filters: Map<string, Record<string, string>>;
  mtRoutes: Record<string, string>[];
  moRoutes: Record<string, string>[];
  persisted: number;
  close(): Promise<void>;
}

export interface FakeJcliOptions {
  username?: string;
  password?: string;
  /** refuse this key inside smppccm blocks, like an old Jasmin would */
  rejectKey?: string;
}

const CONNECTOR_KEYS = new Set([
  'cid',
  'host',
  'port',
  'username',
  'password',
  'bind',
  'submit_throughput',
  'bind_to',
  'systype',
  'loglevel',
  'src_addr',
]);

type Block = { kind: 'smppccm' | 'filter' | 'mtrouter' | 'morouter'; fields: Record<string, string> };

export async function startFakeJcli(options: FakeJcliOptions = {}): Promise<FakeJcli> {
  const username = options.username ?? 'jcliadmin';
  const password = options.password ?? 'jclipwd';
  const state: Omit<FakeJcli, 'port' | 'close'> = {
    commands: [],
    connectors: new Map(),
    started: new Set(),
    filters: new Map(),
    mtRoutes: [],
    moRoutes: [],
    persisted: 0,
  };
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // IAC WILL ECHO, as a real telnet server might send
    socket.write(Buffer.from([0xff, 0xfb, 0x01]));
    socket.write('Authentication required.\r\n\r\nUsername: ');
    let phase: 'user' | 'pass' | 'cli' = 'user';
    let givenUser = '';
    let block: Block | undefined;
    let buffer = '';
    const prompt = () => socket.write(block ? '> ' : 'jcli : ');
    const say = (text: string) => socket.write(`${text}\r\n`);

    const onLine = (line: string) => {
      if (phase === 'user') {
        givenUser = line;
        phase = 'pass';
        socket.write('Password: ');
        return;
      }
      if (phase === 'pass') {
        if (givenUser !== username || line !== password) {
          say('Incorrect Username/Password.');
          socket.end();
          return;
        }
        phase = 'cli';
        say('Welcome to Jasmin 0.10.12 console');
        say('Type help or ? to list commands.\r\n');
        say('Session ref: 1');
        prompt();
        return;
      }
      state.commands.push(line);
      if (block) {
        handleBlockLine(block, line);
        return;
      }
      const [cmd, flag, arg] = line.split(/\s+/);
      if (line === '') {
        prompt();
      } else if (cmd === 'quit') {
        say('Bye');
        socket.end();
      } else if (cmd === 'persist') {
        state.persisted += 1;
        say('jcli-prod configuration persisted (profile:jcli-prod)');
        prompt();
      } else if (
        flag === '-a' &&
        (cmd === 'smppccm' || cmd === 'filter' || cmd === 'mtrouter' || cmd === 'morouter')
      ) {
        block = { kind: cmd, fields: {} };
        say(
          cmd === 'smppccm'
            ? 'Adding a new connector: (ok: save, ko: exit)'
            : `Adding a new ${cmd}: (ok: save, ko: exit)`,
        );
        prompt();
      } else if (cmd === 'smppccm' && flag === '-1' && arg) {
        if (!state.connectors.has(arg)) say(`Unknown connector: ${arg}`);
        else {
          state.started.add(arg);
          say(`Successfully started connector id:${arg}`);
        }
        prompt();
      } else {
        say(`*** Unknown syntax: ${line}`);
        prompt();
      }
    };

    const handleBlockLine = (b: Block, line: string) => {
      if (line === 'ko') {
        block = undefined;
        prompt();
        return;
      }
      if (line === 'ok') {
        block = undefined;
        finish(b);
        prompt();
        return;
      }
      const space = line.indexOf(' ');
      const key = space < 0 ? line : line.slice(0, space);
      const value = space < 0 ? '' : line.slice(space + 1);
      if (b.kind === 'smppccm' && (!CONNECTOR_KEYS.has(key) || key === options.rejectKey)) {
        say(`Unknown SMPPClientConfig key: ${key}`);
      } else {
        b.fields[key] = value;
      }
      prompt();
    };

    const finish = (b: Block) => {
      if (b.kind === 'smppccm') {
        const cid = b.fields.cid;
        if (!cid) return say('You must set at least connector id (cid) before saving !');
        if (state.connectors.has(cid)) return say(`Error: connector cid ${cid} already exists`);
        state.connectors.set(cid, b.fields);
        return say(`Successfully added connector [${cid}]`);
      }
      if (b.kind === 'filter') {
        const fid = b.fields.fid;
        if (!fid || !b.fields.type) return say('You must set these options before saving: type, fid');
        state.filters.set(fid, b.fields);
        return say(`Successfully added Filter [${b.fields.type}] with fid:${fid}`);
      }
      for (const f of (b.fields.filters ?? '').split(';').filter(Boolean)) {
        if (!state.filters.has(f)) return say(`Unknown filter: ${f}`);
      }
      const connector = /^smppc\((.+)\)$/.exec(b.fields.connector ?? '');
      if (b.kind === 'mtrouter' && (!connector?.[1] || !state.connectors.has(connector[1]))) {
        return say(`Unknown cid: ${b.fields.connector ?? ''}`);
      }
      (b.kind === 'mtrouter' ? state.mtRoutes : state.moRoutes).push(b.fields);
      return say(`Successfully added ${b.fields.type ?? 'route'}`);
    };

    socket.on('data', (data: Buffer) => {
      const text = data.toString('utf8');
      buffer += text;
      for (let nl = buffer.search(/\r?\n/); nl >= 0; nl = buffer.search(/\r?\n/)) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(buffer[nl] === '\r' ? nl + 2 : nl + 1);
        onLine(line);
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake jCli has no port');
  return Object.assign(state, {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}
