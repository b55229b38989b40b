// pace-rules batch: JSON Lines in, one answer line out per request, in order; bad lines answered
// with the PaceError's code, message and issues, the run going on.
import { describe, expect, it } from 'vitest';
import { runCli as runCliAsync } from '../../src/cli/main.js';
import { data, inputError, readJson as require_, runCli, scratchFiles } from '../support/cli-in-process.js';

const { file } = scratchFiles('pace-cli-batch-');

describe('pace-rules batch', () => {
  it('answers one line per line, in order, with good and bad lines interleaved', async () => {
    const input = require_(data('purchase.json')) as { member: unknown; purchase: Record<string, unknown> };
    const good = (id: string): string => JSON.stringify({ id, op: 'procurement-method', input: { member: input.member, purchase: input.purchase } });
    const lines = [good('a'), 'not json', JSON.stringify({ id: 'c', op: 'procurement-method', input: { member: input.member, purchase: { ...input.purchase, amount: '1.001' } } }), JSON.stringify({ id: 'd', op: 'fly' }), good('e'), JSON.stringify({ id: 'f', op: 'quote', input: { contractId: 'nope' } })];
    const { stdout, exitCode } = await runCli(['batch', '--contracts', data('contracts.json')], `${lines.join('\n')}\n`);
    expect(exitCode).toBe(0);
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; ok: boolean; result?: { method: string }; error?: { code: string; issues: { path: string }[] } });
    expect(answers.map((a) => [a.id, a.ok])).toEqual([['a', true], [null, false], ['c', false], ['d', false], ['e', true], ['f', false]]);
    expect(answers[0]!.result!.method).toBe('none');
    expect(answers[2]!.error!.code).toBe('invalid-input');
    expect(answers[2]!.error!.issues[0]!.path).toBe('$.input.purchase.amount');
    // (the message quotes the paths as the issues give them: the request's, under "input")
    expect((answers[2]!.error as unknown as { message: string }).message).toContain('$.input.purchase.amount: ');
    expect((answers[2]!.error as unknown as { message: string }).message).not.toMatch(/(^|[^t])\$\.purchase/);
    expect(answers[3]!.error!.issues[0]!.path).toBe('$.op');
    expect(answers[5]!.error!.code).toBe('unknown-reference');
  });
  it('passes a request\'s options to the compliance decisions: { trace: false } drops only the trace; a bad option names $.options', async () => {
    const input = require_(data('purchase.json')) as { member: unknown; purchase: Record<string, unknown> };
    const request = (id: string, options?: unknown): string => JSON.stringify({ id, op: 'audit-checklist', input: { member: input.member, purchase: input.purchase }, ...(options === undefined ? {} : { options }) });
    const { stdout, exitCode } = await runCli(['batch'], `${[request('traced'), request('bare', { trace: false }), request('bad', { trace: 'no' })].join('\n')}\n`);
    expect(exitCode).toBe(0);
    const [traced, bare, bad] = stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; result?: { trace: unknown[] }; error?: { issues: { path: string }[] } });
    expect(traced!.result!.trace.length).toBeGreaterThan(0);
    expect(bare!.result!.trace).toEqual([]);
    expect({ ...bare!.result, trace: traced!.result!.trace }).toEqual(traced!.result);
    expect(bad!.ok).toBe(false);
    expect(bad!.error!.issues[0]!.path).toMatch(/^\$\.options/);
  });
  it('answers check-purchase with the three decisions pace-rules check prints, each as its own op answers it', async () => {
    const input = require_(data('purchase.json')) as { member: unknown; purchase: Record<string, unknown>; contract: unknown };
    const request = (id: string, op: string): string => JSON.stringify({ id, op, input: op === 'check-eligibility' ? { member: input.member, purchase: input.purchase, contract: input.contract, asOf: input.purchase['date'] } : input });
    const ops = ['check-purchase', 'check-eligibility', 'procurement-method', 'audit-checklist'];
    const { stdout, exitCode } = await runCli(['batch'], `${ops.map((op) => request(op, op)).join('\n')}\n`);
    expect(exitCode).toBe(0);
    const [all, eligibility, method, checklist] = stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; result: Record<string, unknown> });
    expect(all!.ok).toBe(true);
    expect(all!.result).toEqual({ eligibility: eligibility!.result, procurementMethod: method!.result, auditChecklist: checklist!.result });
    const checked = JSON.parse((await runCli(['check', data('purchase.json'), '--json'])).stdout) as Record<string, unknown>;
    expect(all!.result['procurementMethod']).toEqual(checked['procurementMethod']);
  });
  it('answers a request line that is not UTF-8 (a C# caller writing its console code page) ok: false, whatever pieces its bytes come in', async () => {
    const input = require_(data('purchase.json')) as { member: unknown; purchase: Record<string, unknown> };
    const line = (id: string, description: string): string => JSON.stringify({ id, op: 'procurement-method', input: { member: input.member, purchase: { ...input.purchase, description } } });
    // BOM, a good line with é in UTF-8, the same in Windows-1252, a good last line without its line end.
    const bytes = Buffer.concat([Buffer.from('\ufeff', 'utf8'), Buffer.from(`${line('utf-8', 'Café tables')}\r\n`, 'utf8'), Buffer.from(`${line('windows-1252', 'Café tables')}\n`, 'latin1'), Buffer.from(line('last', 'Café'), 'utf8')]);
    for (const size of [1, 7, 64, bytes.length]) {
      let stdout = '';
      const stdin = (async function* () {
        for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
      })();
      expect(await runCliAsync(['batch'], { stdout: (t) => (stdout += t), stderr: () => undefined, stdin })).toBe(0);
      const answers = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; ok: boolean; error?: { code: string; message: string } });
      expect(answers.map((a) => [a.id, a.ok]), `pieces of ${size} bytes`).toEqual([['utf-8', true], ['windows-1252', false], ['last', true]]);
      const column = line('windows-1252', 'Café tables').indexOf('é') + 1;
      expect(answers[1]!.error).toMatchObject({ code: 'invalid-request', message: `the line is not UTF-8 text (the byte 0xE9 at column ${column}): write requests as UTF-8` });
    }
    // The first line not UTF-8, after a BOM: its id echoed, its column counted without the BOM.
    const first = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${line('first', 'Café')}\n`, 'latin1')]);
    let stdout = '';
    const stdin = (async function* () {
      for (let at = 0; at < first.length; at += 2) yield first.subarray(at, at + 2);
    })();
    await runCliAsync(['batch'], { stdout: (t) => (stdout += t), stderr: () => undefined, stdin });
    expect(JSON.parse(stdout) as unknown).toMatchObject({ id: 'first', ok: false, error: { message: `the line is not UTF-8 text (the byte 0xE9 at column ${line('first', 'Café').indexOf('é') + 1}): write requests as UTF-8` } });
  });
  it('answers requests carrying their contract inline as requests naming it by contractId, and a bad inline contract by its path', async () => {
    // (the inline contract is prepared once for every request that carries the same one)
    const input = require_(data('purchase.json')) as { member: unknown; purchase: Record<string, unknown>; contract: Record<string, unknown> };
    const request = (id: number, contract: Record<string, string | unknown>): string => JSON.stringify({ id, op: 'check-purchase', input: { member: input.member, purchase: { ...input.purchase, id: `po-${id}`, amount: `${1000 + id * 997}.00` }, ...contract } });
    const ids = Array.from({ length: 6 }, (_, i) => i);
    const inline = await runCli(['batch'], `${ids.map((i) => request(i, { contract: input.contract })).join('\n')}\n`);
    const named = await runCli(['batch', '--contracts', file('one-contract.json', JSON.stringify([input.contract]))], `${ids.map((i) => request(i, { contractId: input.contract['id'] })).join('\n')}\n`);
    expect(inline.stdout).toBe(named.stdout);
    expect(inline.stdout.trim().split('\n').every((l) => (JSON.parse(l) as { ok: boolean }).ok)).toBe(true);
    const bad = await runCli(['batch'], `${request(9, { contract: { ...input.contract, term: null } })}\n${request(10, { contract: input.contract })}\n`);
    const [refused, answered] = bad.stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; error?: { issues: { path: string }[] } });
    expect(refused!.ok).toBe(false);
    expect(refused!.error!.issues[0]!.path).toMatch(/^\$\.input\.contract\.term/);
    expect(answered!.ok).toBe(true);
  });
  it('answers a request whose inline contract is nested too deeply to write, and goes on (it ended the run, every answer of its piece lost)', async () => {
    const depth = 200_000;
    const deep = `{"id":"deep","op":"quote","input":{"contract":{"x":${'['.repeat(depth)}${']'.repeat(depth)}},"asOf":"2026-01-01","lines":[]}}`;
    const { stdout, exitCode } = await runCli(['batch'], `{"id":"before","op":"x"}\n${deep}\n{"id":"after","op":"x"}\n`);
    expect(exitCode).toBe(0);
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; ok: boolean; error?: { code: string } });
    expect(answers.map((a) => [a.id, a.ok])).toEqual([['before', false], ['deep', false], ['after', false]]);
    expect(answers[1]!.error!.code).toMatch(/^invalid-(input|request)$/);
  });
  it('answers a line longer than 64 MB ok: false without keeping it, and the lines after it (one over 512 MB printed a stack trace, exit 3)', async () => {
    const input = require_(data('purchase.json')) as { member: unknown; purchase: Record<string, unknown> };
    const good = (id: string): string => JSON.stringify({ id, op: 'procurement-method', input: { member: input.member, purchase: input.purchase } });
    const megabyte = Buffer.alloc(1 << 20, 0x20);
    for (const newlineLast of [true, false]) {
      let stdout = '';
      const stdin = (async function* () {
        yield Buffer.from(`${good('before')}\n{"id":"huge","op":"x","pad":"`);
        for (let i = 0; i < 65; i++) yield megabyte;
        yield Buffer.from(newlineLast ? `"}\n${good('after')}\n` : '"}');
      })();
      expect(await runCliAsync(['batch'], { stdout: (t) => (stdout += t), stderr: () => undefined, stdin })).toBe(0);
      const answers = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; ok: boolean; error?: { code: string; message: string } });
      expect(answers.map((a) => [a.id, a.ok])).toEqual(newlineLast ? [['before', true], [null, false], ['after', true]] : [['before', true], [null, false]]);
      expect(answers[1]!.error).toMatchObject({ code: 'invalid-request', message: 'the line is longer than 64 MB: send a request of at most 64 MB of JSON on one line' });
    }
    // A whole piece holding a line that long (a caller's one write) is cut into its lines first.
    let stdout = '';
    const whole = Buffer.concat([Buffer.from(`${good('a')}\n"`), Buffer.alloc(65 << 20, 0x20), Buffer.from(`"\n${good('b')}\n`)]);
    await runCliAsync(['batch'], { stdout: (t) => (stdout += t), stderr: () => undefined, stdin: (async function* () { yield whole; })() });
    expect(stdout.trim().split('\n').map((l) => (JSON.parse(l) as { ok: boolean }).ok)).toEqual([true, false, true]);
  });
  it('answers a piece of input holding more lines than a call takes arguments (one write of 150,000 requests)', async () => {
    let stdout = '';
    const piece = Buffer.from('{"id":1,"op":"x"}\n'.repeat(150_000));
    expect(await runCliAsync(['batch'], { stdout: (t) => (stdout += t), stderr: () => undefined, stdin: (async function* () { yield piece; })() })).toBe(0);
    expect(stdout.split('\n').length - 1).toBe(150_000);
  });
  it('names an unknown field "options" of the input under $.input, and refuses a number id it would echo as another number', async () => {
    const input = require_(data('purchase.json')) as { member: unknown; purchase: Record<string, unknown> };
    const request = (id: unknown, extra: Record<string, unknown>): string => `{"id":${String(id)},"op":"procurement-method","input":${JSON.stringify({ member: input.member, purchase: input.purchase, ...extra })}}`;
    const { stdout } = await runCli(['batch'], `${[request('"o"', { options: {} }), request('"ox"', { optionsX: 1 }), request('12345678901234567890', {}), request('1e999', {}), request('1.10', {}), request('9007199254740991', {})].join('\n')}\n`);
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; ok: boolean; error?: { code: string; message: string; issues: { path: string }[] } });
    expect(answers[0]!.error!.issues[0]!.path).toBe('$.input.options');
    expect(answers[0]!.error!.message).toContain('$.input.options: ');
    expect(answers[1]!.error!.issues[0]!.path).toBe('$.input.optionsX');
    expect(answers.slice(2).map((a) => [a.id, a.ok])).toEqual([[null, false], [null, false], [1.1, true], [9007199254740991, true]]);
    expect(answers[2]!.error).toMatchObject({ code: 'invalid-request', issues: [{ path: '$.id' }] });
  });
  it('refuses a contract given both by contractId and inline (the inline one was dropped without a word), and echoes no id that holds a byte that is not UTF-8', async () => {
    const input = require_(data('purchase.json')) as { member: unknown; purchase: Record<string, unknown>; contract: Record<string, unknown> };
    const both = JSON.stringify({ id: 'both', op: 'check-purchase', input: { member: input.member, purchase: input.purchase, contractId: input.contract['id'], contract: { id: 'zzz' } } });
    const { stdout } = await runCli(['batch', '--contracts', file('contract-both.json', JSON.stringify([input.contract]))], `${both}\n`);
    expect(JSON.parse(stdout) as unknown).toMatchObject({ id: 'both', ok: false, error: { code: 'invalid-request', issues: [{ path: '$.input.contract' }] } });
    let out = '';
    const bytes = Buffer.concat([Buffer.from('{"id":"caf', 'utf8'), Buffer.from([0xe9]), Buffer.from('","op":"x"}\n{"id":"caf', 'utf8'), Buffer.from([0xc3, 0xa9]), Buffer.from('","op":"x","x":"', 'utf8'), Buffer.from([0xe9]), Buffer.from('"}\n', 'utf8')]);
    await runCliAsync(['batch'], { stdout: (t) => (out += t), stderr: () => undefined, stdin: (async function* () { yield bytes; })() });
    expect(out.trim().split('\n').map((l) => (JSON.parse(l) as { id: unknown }).id)).toEqual([null, 'café']);
  });
  it('names the file and JSON path of a bad contract in --contracts', async () => {
    const contracts = require_(data('contracts.json')) as Record<string, unknown>[];
    const bad = file('bad-contracts.json', JSON.stringify([contracts[0], { ...contracts[0], id: 'x2', supplyKind: 'spaceships' }]));
    expect(await inputError(['batch', '--contracts', bad])).toMatch(/bad-contracts\.json: \$\[1\]\.supplyKind: /);
  });
});
