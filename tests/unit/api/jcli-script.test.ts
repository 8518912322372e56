import { lintConnection } from '@gong/functions/jcli/lint';
import { jcliScript, rangesRegex } from '@gong/functions/jcli/script';
import { stripTelnet } from '@gong/functions/jcli/telnet-client';
import { describe, expect, it } from 'vitest';
import { aConnection, anOperator } from '../../support/builders';
import { apiFixture, call } from './api-fixture';

const connection = aConnection({
  id: 'conn-1',
  gongHost: '10.1.2.3',
  submitThroughput: 0,
  smpp: { host: '10.1.2.4', port: 2775, systemId: 'gongapp', password: 'pw' },
});
const orange = anOperator({
  id: 'op-1',
  name: 'Orange RO',
  slot: 0,
  bindSystemId: 'orange',
  bindPassword: 'orangepw',
});
const vodafone = anOperator({
  id: 'op-2',
  name: 'Vodafone RO',
  slot: 1,
  bindSystemId: 'voda',
  bindPassword: 'vodapw',
  numberRanges: [
    { prefix: '40722', from: 0, to: 999, width: 6 },
    { prefix: '+40723', from: 0, to: 99, width: 4 },
  ],
});

describe('jCli script', () => {
  it('adds one started connector per operator, bound to its worker slot at gongHost', () => {
    const { lines, connectors } = jcliScript(connection, [orange, vodafone], { fleetBasePort: 2780 });
    expect(connectors.map((c) => c.cid)).toEqual(['gong_orange_ro', 'gong_vodafone_ro']);
    const text = lines.join('\n');
    expect(text).toContain(
      [
        'smppccm -a',
        'cid gong_orange_ro',
        'host 10.1.2.3',
        'port 2780',
        'username orange',
        'password orangepw',
        'bind transceiver',
        'submit_throughput 0',
        'ok',
        'smppccm -1 gong_orange_ro',
      ].join('\n'),
    );
    expect(text).toContain('port 2781\nusername voda');
    expect(text).toContain('mtrouter -a\ntype StaticMTRoute\norder 10\nconnector smppc(gong_orange_ro)');
    expect(text).toContain('morouter -a\ntype StaticMORoute\norder 10\nconnector smpps(gongapp)');
    expect(lines.at(-1)).toBe('persist');
  });

  it('routes each operator by its number ranges', () => {
    const re = new RegExp(rangesRegex(vodafone.numberRanges));
    expect(re.test('40722000123')).toBe(true);
    expect(re.test('+407230042')).toBe(true);
    expect(re.test('40721000123')).toBe(false);
  });

  it('makes connector ids unique when operator names collide', () => {
    const twin = anOperator({ name: 'Orange RO', bindSystemId: 'orange2' });
    const { connectors } = jcliScript(connection, [orange, twin], { fleetBasePort: 2780 });
    expect(new Set(connectors.map((c) => c.cid)).size).toBe(2);
  });
});

describe('config linter', () => {
  const codes = (c = connection, ops = [orange]) => lintConnection(c, ops).map((w) => w.code);

  it("warns about Jasmin's 1 msg/s default throughput", () => {
    const warnings = lintConnection({ ...connection, submitThroughput: 1 }, [orange]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ level: 'warn', code: 'SUBMIT_THROUGHPUT_DEFAULT' }),
    );
    expect(codes()).toContain('SUBMIT_THROUGHPUT_UNLIMITED');
  });

  it("warns about credentials longer than Jasmin's 15/16 characters", () => {
    const long = { ...orange, bindSystemId: 'a-very-long-system-id', bindPassword: 'a-password-of-17c' };
    const warnings = lintConnection(connection, [long]).filter((w) => w.code === 'CREDENTIAL_TOO_LONG');
    expect(warnings).toHaveLength(2);
  });

  it('states the one-in-flight ceiling, with numbers when latency is known', () => {
    const w = lintConnection(connection, [orange], { latencyMs: 40 }).find(
      (x) => x.code === 'ONE_IN_FLIGHT_CEILING',
    );
    expect(w?.message).toContain('25 msg/s');
  });

  it('warns that jCli listens on 127.0.0.1 by default', () => {
    const remote = { ...connection, jcli: { ...connection.jcli, host: '192.0.2.10' } };
    expect(codes(remote)).toContain('JCLI_LOOPBACK_ONLY');
    expect(codes()).not.toContain('JCLI_LOOPBACK_ONLY');
  });

  it('warns when there is nothing to bind', () => {
    expect(codes(connection, [])).toContain('NO_OPERATORS');
  });
});

describe('telnet bytes', () => {
  it('strips IAC negotiation and keeps the text', () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfb, 0x01]), Buffer.from('Username: ')]);
    expect(stripTelnet(data)).toBe('Username: ');
  });
});

describe('GET /connections/{id}/jcli-script', () => {
  it('returns the script and warnings to admins only', async () => {
    const f = apiFixture();
    const admin = await f.token('tenant-a', ['admin']);
    const conn = await call(f.api, 'POST', '/connections', {
      token: admin,
      body: { name: 'lab', jcli: { host: '127.0.0.1' }, smpp: { host: '127.0.0.1' }, submitThroughput: 1 },
    });
    await call(f.api, 'POST', '/operators', {
      token: admin,
      body: {
        connectionId: conn.json.id,
        name: 'Orange',
        slot: 1,
        bindSystemId: 'orange',
        bindPassword: 'pw',
        numberRanges: [{ prefix: '4072', from: 0, to: 9, width: 2 }],
      },
    });
    const res = await call(f.api, 'GET', `/connections/${conn.json.id}/jcli-script`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.json.script).toContain('port 2781');
    expect(res.json.warnings.map((w: { code: string }) => w.code)).toContain('SUBMIT_THROUGHPUT_DEFAULT');
    const viewer = await f.token('tenant-a', ['viewer']);
    expect(
      (await call(f.api, 'GET', `/connections/${conn.json.id}/jcli-script`, { token: viewer })).status,
    ).toBe(403);
  });
});
