import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkbook } from '../src/modules/imports/index.ts';
import { makeIdNumber, makeUscc, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  for (const u of ['sysadmin', 'supervisor', 'head', 'officer', 'other_head']) cookies[u] = await login(t, u, TEST_PASSWORD);
});
afterAll(async () => t?.close());

function multipart(file: Buffer, name = 'items.xlsx') {
  const boundary = '----zhifa' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(who: string, kind: string, file: Buffer) {
  const m = multipart(file);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${kind}`, headers: { ...m.headers, cookie: cookies[who]! }, payload: m.payload });
  return res;
}

async function runAndGet(who: string, id: string) {
  await t.services.jobs.drain();
  return (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: { cookie: cookies[who]! } })).json();
}

/** Fill the server's own template, as a user would. */
async function itemWorkbook(rows: Record<string, string | number>[], tiers: Record<string, string | number>[] = []) {
  const tpl = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/items', headers: { cookie: cookies.head! } });
  const wb = await loadWorkbook(tpl.rawPayload);
  const fill = (ws: ExcelJS.Worksheet, data: Record<string, string | number>[]) => {
    const headers: string[] = [];
    ws.getRow(1).eachCell((c, i) => (headers[i] = String(c.value).replace('*', '')));
    for (const r of data) ws.addRow(headers.map((h) => (h ? (r[h] ?? null) : null)).slice(1));
  };
  fill(wb.getWorksheet('执法事项')!, rows);
  fill(wb.getWorksheet('裁量基准')!, tiers);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const itemRow = (code: string, over: Record<string, string | number> = {}) => ({
  事项编码: code,
  事项名称: `对销售不符合食品安全标准的食品的行政处罚（${code}）`,
  事项类别: '行政处罚',
  执法领域: '市场监管',
  实施主体统一社会信用代码: w.cityMarket.uscc!,
  法律依据名称: '中华人民共和国食品安全法',
  条款: '第一百二十四条',
  版本: '2021年修正',
  施行日期: '2021-04-29',
  须音像记录的环节: '调查取证;听证',
  纳入随机抽查: '否',
  办理流程: '立案;调查取证;告知;决定;送达',
  ...over,
});

describe('Excel import', () => {
  it('serves a template with the headers and an instructions sheet', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/items', headers: { cookie: cookies.head! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await loadWorkbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['执法事项', '裁量基准', '填写说明']);
    expect(String(wb.getWorksheet('执法事项')!.getRow(1).getCell(1).value)).toBe('事项编码*');
  });

  it('imports a valid file with discretion tiers, visible to the supervisor of the parent region', async () => {
    const file = await itemWorkbook(
      [itemRow('IMP-0001', { '重大决定-处罚种类': '吊销许可证件', '重大决定-罚款金额下限(元)': 50000 }), itemRow('IMP-0002'), itemRow('IMP-0003', { 事项类别: 'inspection', 纳入随机抽查: '是' })],
      [
        { 事项编码: 'IMP-0001', 裁量档次: '从轻', 违法情形: '货值金额不足一万元且及时改正', 处罚种类: '罚款', '罚款下限(元)': 50000, '罚款上限(元)': 80000 },
        { 事项编码: 'IMP-0001', 裁量档次: '从重', 违法情形: '造成危害后果', 处罚种类: '罚款;吊销许可证件', '罚款下限(元)': 150000, '罚款上限(元)': 200000 },
      ],
    );
    const res = await upload('head', 'items', file);
    expect(res.statusCode).toBe(202);
    const done = await runAndGet('head', res.json().id);
    expect(done.errors).toBeNull();
    expect(done).toMatchObject({ status: 'succeeded', totalRows: 3, summary: { created: 3 } });
    const seen = await t.app.inject({ method: 'GET', url: '/api/v1/items?q=IMP-000', headers: { cookie: cookies.supervisor! } });
    const items = seen.json().items;
    expect(items.map((i: { code: string }) => i.code)).toEqual(['IMP-0001', 'IMP-0002', 'IMP-0003']);
    expect(items[0].discretionTiers).toHaveLength(2);
    expect(items[0].majorCriteria).toMatchObject({ penaltyTypes: ['revoke_licence'], fineAtLeast: 50000 });
    expect(items[0].avRequirements).toEqual({ investigation: 'required', hearing: 'required' });
    expect(items[2].randomInspection).toBe(true);
    // another city's head sees none of them
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/items?q=IMP-000', headers: { cookie: cookies.other_head! } });
    expect(other.json().total).toBe(0);
  });

  it('one bad row rejects the whole file, names its row and column, and writes nothing', async () => {
    const rows = [itemRow('BAD-0001'), itemRow('BAD-0002'), itemRow('BAD-0003', { 事项类别: '行政乱罚' }), itemRow('BAD-0004'), itemRow('BAD-0005', { 施行日期: '2021-13-45' })];
    const res = await upload('head', 'items', await itemWorkbook(rows, [{ 事项编码: 'BAD-0002', 裁量档次: '一般', 违法情形: '一般情形', 处罚种类: '罚款', '罚款下限(元)': 9000, '罚款上限(元)': 1000 }]));
    const done = await runAndGet('head', res.json().id);
    expect(done.status).toBe('failed');
    expect(done.summary.written).toBe(0);
    const errs = done.errors as { sheet: string; row: number; column: string }[];
    expect(errs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: '执法事项', row: 4, column: '事项类别', messageZh: expect.stringContaining('取值无效，可选：行政许可、行政处罚') }),
        expect.objectContaining({ sheet: '执法事项', row: 6, column: '施行日期' }),
        expect.objectContaining({ sheet: '裁量基准', row: 2, column: '罚款上限(元)' }),
      ]),
    );
    const any = await t.app.inject({ method: 'GET', url: '/api/v1/items?q=BAD-', headers: { cookie: cookies.head! } });
    expect(any.json().total).toBe(0);
  });

  it('refuses duplicates within the file and against the database', async () => {
    const res = await upload('head', 'items', await itemWorkbook([itemRow('IMP-0001'), itemRow('DUP-1'), itemRow('DUP-1')]));
    const done = await runAndGet('head', res.json().id);
    expect(done.status).toBe('failed');
    expect(done.errors.map((e: { messageZh: string }) => e.messageZh)).toEqual(expect.arrayContaining(['事项编码已存在', '与第3行重复']));
  });

  it('imports officers with certificates, validating ID check digits', async () => {
    const tpl = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/officers', headers: { cookie: cookies.head! } });
    const wb = await loadWorkbook(tpl.rawPayload);
    const ws = wb.getWorksheet('执法人员')!;
    const good = makeIdNumber();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    ws.addRow(['郑十', makeIdNumber(), w.cityMarket.uscc, '科员', '公务员', '13800000000', '本科', '否', '', '否', 'QHD-900001', '市场监管', '130300', '河北省人民政府', '2024-01-01', '2030-01-01']);
    ws.addRow(['钱十一', bad, w.cityMarket.uscc, '科员', '公务员']);
    const res = await upload('head', 'officers', Buffer.from(await wb.xlsx.writeBuffer()));
    const done = await runAndGet('head', res.json().id);
    expect(done.status).toBe('failed');
    expect(done.errors).toEqual([expect.objectContaining({ row: 3, column: '身份证号' })]);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/officers?q=郑十', headers: { cookie: cookies.head! } });
    expect(list.json().total).toBe(0);
  });

  it('imports valid officers with certificates and subjects in one transaction', async () => {
    const tpl = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/officers', headers: { cookie: cookies.head! } });
    const wb = await loadWorkbook(tpl.rawPayload);
    const ws = wb.getWorksheet('执法人员')!;
    ws.addRow(['郑十一', makeIdNumber(), w.cityMarket.uscc, '科员', '公务员', '13800000001', '本科', '是', 'A20201300001', '是', 'QHD-900011', '市场监管', '130300', '河北省人民政府', '2024-01-01', '2030-01-01']);
    ws.addRow(['郑十二', makeIdNumber(), w.cityMarket.uscc, '协管员', '辅助人员']);
    const res = await upload('head', 'officers', Buffer.from(await wb.xlsx.writeBuffer()));
    const done = await runAndGet('head', res.json().id);
    expect(done).toMatchObject({ status: 'succeeded', summary: { created: 2, certificates: 1 } });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/officers?q=郑十', headers: { cookie: cookies.head! } })).json();
    const byName = Object.fromEntries(list.items.map((o: { name: string }) => [o.name, o]));
    expect(byName['郑十一']).toMatchObject({ isLegalReviewer: true, certificateSummary: { number: 'QHD-900011', status: 'active' } });
    expect(byName['郑十二']).toMatchObject({ personnelType: 'auxiliary', certificateSummary: null });

    const stpl = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/subjects', headers: { cookie: cookies.sysadmin! } });
    const swb = await loadWorkbook(stpl.rawPayload);
    swb.getWorksheet('执法主体')!.addRow(['秦皇岛市交通运输局', '市交通局', makeUscc('130300'), '130300', '法定行政机关', '行政机关', '交通运输', '秦皇岛市机构改革方案', w.cityJustice.uscc, '秦皇岛市海港区', '0335-0000000', '工作日 8:30-17:30', '12345']);
    const sres = await upload('sysadmin', 'subjects', Buffer.from(await swb.xlsx.writeBuffer()));
    const sdone = await runAndGet('sysadmin', sres.json().id);
    expect(sdone).toMatchObject({ status: 'succeeded', summary: { created: 1 } });
    const subj = (await t.app.inject({ method: 'GET', url: '/api/v1/subjects?q=交通运输局', headers: { cookie: cookies.supervisor! } })).json();
    expect(subj.items[0]).toMatchObject({ name: '秦皇岛市交通运输局', sector: 'transport', supervisingBureauId: w.cityJustice.id });
  });

  it('refuses an upload from a role that may not write, and a file that is not xlsx', async () => {
    const res = await upload('officer', 'items', await itemWorkbook([itemRow('NOPE-1')]));
    expect(res.statusCode).toBe(403);
    const junk = await upload('head', 'items', Buffer.from('hello'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.code).toBe('IMPORT_UNREADABLE');
  });

  it('exports what the caller sees in the template format, which imports back', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/exports/items?q=IMP-0001', headers: { cookie: cookies.head! } });
    expect(res.statusCode).toBe(200);
    const wb = await loadWorkbook(res.rawPayload);
    const ws = wb.getWorksheet('执法事项')!;
    expect(ws.getRow(2).getCell(1).value).toBe('IMP-0001');
    expect(wb.getWorksheet('裁量基准')!.rowCount).toBe(3);
  });
});
