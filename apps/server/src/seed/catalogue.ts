import type { ItemCategory, PenaltyType, SectorCode } from '@zhifa/domain';

/**
 * The item catalogue the demo seed expands into each agency's enforcement-item list (执法事项清单).
 *
 * Legal bases are real laws and administrative regulations, cited at article level, with the revision in force. The
 * set is deliberately small — well-known articles reused across many generated items — rather than a long list of
 * half-remembered ones: a demo that cites a wrong article teaches the wrong thing. Items whose article number the
 * author was not sure of cite the article that grants the power in general terms instead. Fine ranges in the templates
 * are the statutory ones for the ordinary case; discretion tiers (裁量基准) generated from them stay inside the range.
 * Everything else (which agency lists which item, codes, tiers, thresholds) is demo data.
 */

export interface LawRef {
  law: string;
  version: string;
  effectiveFrom: string;
}

export const LAWS = {
  punish: { law: '中华人民共和国行政处罚法', version: '2021年修订', effectiveFrom: '2021-07-15' },
  coerce: { law: '中华人民共和国行政强制法', version: '2011年6月30日通过', effectiveFrom: '2012-01-01' },
  licence: { law: '中华人民共和国行政许可法', version: '2019年修正', effectiveFrom: '2019-04-23' },
  civil: { law: '中华人民共和国民法典', version: '2020年5月28日通过', effectiveFrom: '2021-01-01' },
  gb118: {
    law: '国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见（国办发〔2018〕118号）',
    version: '2018年12月5日印发',
    effectiveFrom: '2018-12-05',
  },
  // market
  food: { law: '中华人民共和国食品安全法', version: '2021年修正', effectiveFrom: '2021-04-29' },
  quality: { law: '中华人民共和国产品质量法', version: '2018年修正', effectiveFrom: '2018-12-29' },
  price: { law: '中华人民共和国价格法', version: '1997年12月29日通过', effectiveFrom: '1998-05-01' },
  advert: { law: '中华人民共和国广告法', version: '2021年修正', effectiveFrom: '2021-04-29' },
  registration: { law: '中华人民共和国市场主体登记管理条例', version: '2021年7月27日国务院令第746号', effectiveFrom: '2022-03-01' },
  equipment: { law: '中华人民共和国特种设备安全法', version: '2013年6月29日通过', effectiveFrom: '2014-01-01' },
  metrology: { law: '中华人民共和国计量法', version: '2018年修正', effectiveFrom: '2018-10-26' },
  // environment
  env: { law: '中华人民共和国环境保护法', version: '2014年修订', effectiveFrom: '2015-01-01' },
  air: { law: '中华人民共和国大气污染防治法', version: '2018年修正', effectiveFrom: '2018-10-26' },
  waterPollution: { law: '中华人民共和国水污染防治法', version: '2017年修正', effectiveFrom: '2018-01-01' },
  eia: { law: '中华人民共和国环境影响评价法', version: '2018年修正', effectiveFrom: '2018-12-29' },
  // transport
  highway: { law: '中华人民共和国公路法', version: '2017年修正', effectiveFrom: '2017-11-04' },
  // emergency
  safety: { law: '中华人民共和国安全生产法', version: '2021年修正', effectiveFrom: '2021-09-01' },
  hazchem: { law: '危险化学品安全管理条例', version: '2013年修订', effectiveFrom: '2013-12-07' },
  fireworks: { law: '烟花爆竹安全管理条例', version: '2016年修订', effectiveFrom: '2016-02-06' },
  // agriculture
  fishery: { law: '中华人民共和国渔业法', version: '2013年修正', effectiveFrom: '2013-12-28' },
  subsidy: { law: '财政部 农业部关于全面推开农业“三项补贴”改革工作的通知（财农〔2016〕26号）', version: '2016年4月印发', effectiveFrom: '2016-04-18' },
  // tourism
  tourism: { law: '中华人民共和国旅游法', version: '2018年修正', effectiveFrom: '2018-10-26' },
  // natural resources
  land: { law: '中华人民共和国土地管理法', version: '2019年修正', effectiveFrom: '2020-01-01' },
  landRegs: { law: '中华人民共和国土地管理法实施条例', version: '2021年修订', effectiveFrom: '2021-09-01' },
  planning: { law: '中华人民共和国城乡规划法', version: '2019年修正', effectiveFrom: '2019-04-23' },
  // housing
  building: { law: '中华人民共和国建筑法', version: '2019年修正', effectiveFrom: '2019-04-23' },
  quality2000: { law: '建设工程质量管理条例', version: '2019年修订', effectiveFrom: '2019-04-23' },
  // health
  healthcare: { law: '中华人民共和国基本医疗卫生与健康促进法', version: '2019年12月28日通过', effectiveFrom: '2020-06-01' },
  physicians: { law: '中华人民共和国医师法', version: '2021年8月20日通过', effectiveFrom: '2022-03-01' },
  publicPlaces: { law: '公共场所卫生管理条例', version: '2019年修订', effectiveFrom: '2019-04-23' },
  medInst: { law: '医疗机构管理条例', version: '2022年修订', effectiveFrom: '2022-05-01' },
  // urban management
  cityScape: { law: '城市市容和环境卫生管理条例', version: '2017年修订', effectiveFrom: '2017-03-01' },
  cityRoads: { law: '城市道路管理条例', version: '2019年修订', effectiveFrom: '2019-03-24' },
  cityGreen: { law: '城市绿化条例', version: '2017年修订', effectiveFrom: '2017-03-01' },
  drainage: { law: '城镇排水与污水处理条例', version: '2013年10月2日国务院令第641号', effectiveFrom: '2014-01-01' },
  // water
  water: { law: '中华人民共和国水法', version: '2016年修正', effectiveFrom: '2016-07-02' },
  soil: { law: '中华人民共和国水土保持法', version: '2010年修订', effectiveFrom: '2011-03-01' },
  // human resources
  labourInspection: { law: '劳动保障监察条例', version: '2004年11月1日国务院令第423号', effectiveFrom: '2004-12-01' },
  socialInsurance: { law: '中华人民共和国社会保险法', version: '2018年修正', effectiveFrom: '2018-12-29' },
  injury: { law: '工伤保险条例', version: '2010年修订', effectiveFrom: '2011-01-01' },
  // justice
  lawyers: { law: '中华人民共和国律师法', version: '2017年修正', effectiveFrom: '2018-01-01' },
} as const satisfies Record<string, LawRef>;
export type LawKey = keyof typeof LAWS;
/** [law, article] */
export type Cite = readonly [LawKey, string];

/** A penalty item: the name is 对{v}的行政处罚. */
export interface PenaltyTpl {
  v: string;
  basis: readonly Cite[];
  /** The statutory fine range in yuan for the ordinary case; [0, max] means "处max元以下罚款". */
  fine?: readonly [number, number];
  /** A fine computed from an amount (货值金额, 违法所得, 工程造价 …), quoted from the article. */
  mult?: string;
  types: readonly PenaltyType[];
  /** Heavier sanctions the article allows: they make a decision "major" and call for a hearing. */
  heavy?: readonly PenaltyType[];
}

/** Any other item (licensing, inspection, coercion, levy, fee, confirmation, benefit, adjudication, reward, other). */
export interface PlainTpl {
  category: Exclude<ItemCategory, 'penalty'>;
  name: string;
  basis: readonly Cite[];
  /** Licensing: the service guide. */
  conditions?: string;
  materials?: readonly string[];
  /** Inspection: part of the 双随机、一公开 list. */
  random?: boolean;
}

export interface SectorCatalogue {
  /** Code segment of item codes: HB-{abbr}-{category}-{nnnn}. */
  abbr: string;
  penalties: readonly PenaltyTpl[];
  others: readonly PlainTpl[];
}

const FOOD_124 = { fine: [50_000, 100_000], mult: '货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款', types: ['fine', 'confiscate_gains', 'confiscate_property', 'revoke_licence'], heavy: ['revoke_licence'] } as const;
const FOOD_125 = { fine: [5_000, 50_000], mult: '货值金额一万元以上的，并处货值金额五倍以上十倍以下罚款', types: ['fine', 'confiscate_gains', 'confiscate_property', 'order_suspend_business', 'revoke_licence'], heavy: ['order_suspend_business', 'revoke_licence'] } as const;
const FOOD_126 = { fine: [5_000, 50_000], types: ['warning', 'fine', 'order_suspend_business', 'revoke_licence'], heavy: ['order_suspend_business', 'revoke_licence'] } as const;
const PRICE_40 = { mult: '没收违法所得，可以并处违法所得五倍以下的罚款；没有违法所得的，予以警告，可以并处罚款', types: ['warning', 'fine', 'confiscate_gains', 'order_suspend_business', 'revoke_licence'], heavy: ['order_suspend_business', 'revoke_licence'] } as const;
const SAFETY_97 = { fine: [0, 100_000], mult: '逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款', types: ['fine', 'order_suspend_business'], heavy: ['order_suspend_business'] } as const;
const SAFETY_99 = { fine: [0, 50_000], mult: '逾期未改正的，处五万元以上二十万元以下的罚款', types: ['fine', 'order_suspend_business'], heavy: ['order_suspend_business'] } as const;
const AIR_99 = { fine: [100_000, 1_000_000], types: ['fine', 'restrict_activity', 'order_close'], heavy: ['restrict_activity', 'order_close'] } as const;
const HIGHWAY_76 = { fine: [0, 30_000], types: ['fine'] } as const;
const FISH_38 = { fine: [0, 50_000], types: ['fine', 'confiscate_gains', 'confiscate_property', 'revoke_licence'], heavy: ['revoke_licence'] } as const;
const QUALITY_56 = { fine: [200_000, 500_000], types: ['fine'] } as const;
const QUALITY_58 = { mult: '处工程合同价款百分之二以上百分之四以下的罚款', types: ['fine', 'other'] } as const;
const PUBLIC_14 = { types: ['warning', 'fine', 'order_suspend_business', 'revoke_licence'], heavy: ['order_suspend_business', 'revoke_licence'] } as const;
const SCAPE = { types: ['warning', 'fine'] } as const;
const ROAD_42 = { fine: [0, 20_000], types: ['fine'] } as const;
const GREEN_26 = { types: ['fine'] } as const;
const PLANNING_64 = {
  mult: '尚可采取改正措施消除对规划实施的影响的，处建设工程造价百分之五以上百分之十以下的罚款；无法采取改正措施消除影响的，限期拆除，不能拆除的，没收实物或者违法收入，可以并处建设工程造价百分之十以下的罚款',
  types: ['fine', 'confiscate_property', 'confiscate_gains', 'other'],
  heavy: ['confiscate_property'],
} as const;

const LICENCE_MATERIALS = ['申请书', '申请人主体资格证明（营业执照或者身份证明）', '法定代表人或者负责人身份证明', '委托他人办理的，提交授权委托书及受托人身份证明'] as const;

export const CATALOGUE: Partial<Record<SectorCode, SectorCatalogue>> = {
  market: {
    abbr: 'SCJG',
    penalties: [
      { v: '未取得食品生产经营许可从事食品生产经营活动', basis: [['food', '第三十五条第一款'], ['food', '第一百二十二条第一款']], fine: [50_000, 100_000], mult: '货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款', types: ['fine', 'confiscate_gains', 'confiscate_property'] },
      { v: '用非食品原料生产食品、在食品中添加食品添加剂以外的化学物质和其他可能危害人体健康的物质', basis: [['food', '第一百二十三条第一款第一项']], fine: [100_000, 150_000], mult: '货值金额一万元以上的，并处货值金额十五倍以上三十倍以下罚款', types: ['fine', 'confiscate_gains', 'confiscate_property', 'revoke_licence'], heavy: ['revoke_licence'] },
      { v: '生产经营致病性微生物、农药残留、兽药残留、生物毒素、重金属等污染物质含量超过食品安全标准限量的食品', basis: [['food', '第一百二十四条第一款第一项']], ...FOOD_124 },
      { v: '用超过保质期的食品原料、食品添加剂生产食品、食品添加剂', basis: [['food', '第一百二十四条第一款第二项']], ...FOOD_124 },
      { v: '生产经营超范围、超限量使用食品添加剂的食品', basis: [['food', '第一百二十四条第一款第三项']], ...FOOD_124 },
      { v: '生产经营腐败变质、油脂酸败、霉变生虫、污秽不洁、混有异物、掺假掺杂或者感官性状异常的食品', basis: [['food', '第一百二十四条第一款第四项']], ...FOOD_124 },
      { v: '生产经营标注虚假生产日期、保质期或者超过保质期的食品、食品添加剂', basis: [['food', '第一百二十四条第一款第五项']], ...FOOD_124 },
      { v: '食品生产经营者在被责令召回或者停止经营后仍拒不召回或者停止经营', basis: [['food', '第一百二十四条第一款第九项']], ...FOOD_124 },
      { v: '生产经营被包装材料、容器、运输工具等污染的食品、食品添加剂', basis: [['food', '第一百二十五条第一款第一项']], ...FOOD_125 },
      { v: '生产经营无标签的预包装食品或者标签、说明书不符合规定的食品、食品添加剂', basis: [['food', '第一百二十五条第一款第二项']], ...FOOD_125 },
      { v: '生产经营转基因食品未按规定进行标示', basis: [['food', '第一百二十五条第一款第三项']], ...FOOD_125 },
      { v: '食品生产经营者采购或者使用不符合食品安全标准的食品原料、食品添加剂、食品相关产品', basis: [['food', '第一百二十五条第一款第四项']], ...FOOD_125 },
      { v: '食品生产经营企业未按规定建立食品安全管理制度或者未按规定配备、培训、考核食品安全管理人员', basis: [['food', '第一百二十六条第一款第二项']], ...FOOD_126 },
      { v: '食品生产经营者进货时未查验许可证和相关证明文件或者未按规定建立并遵守进货查验记录制度', basis: [['food', '第一百二十六条第一款第三项']], ...FOOD_126 },
      { v: '食品生产经营企业未制定食品安全事故处置方案', basis: [['food', '第一百二十六条第一款第四项']], ...FOOD_126 },
      { v: '餐具、饮具和盛放直接入口食品的容器使用前未经洗净、消毒或者清洗消毒不合格', basis: [['food', '第一百二十六条第一款第五项']], ...FOOD_126 },
      { v: '安排未取得健康证明的人员从事接触直接入口食品的工作', basis: [['food', '第一百二十六条第一款第六项']], ...FOOD_126 },
      { v: '学校、托幼机构、养老机构、建筑工地等集中用餐单位的食堂未按规定履行食品安全管理责任', basis: [['food', '第一百二十六条第一款第十二项']], ...FOOD_126 },
      { v: '生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品', basis: [['quality', '第四十九条']], mult: '并处违法生产、销售产品货值金额等值以上三倍以下的罚款', types: ['fine', 'confiscate_gains', 'confiscate_property', 'order_suspend_business', 'revoke_licence'], heavy: ['order_suspend_business', 'revoke_licence'] },
      { v: '在产品中掺杂、掺假，以假充真，以次充好，或者以不合格产品冒充合格产品', basis: [['quality', '第五十条']], mult: '并处违法生产、销售产品货值金额百分之五十以上三倍以下的罚款', types: ['fine', 'confiscate_gains', 'confiscate_property', 'order_suspend_business', 'revoke_licence'], heavy: ['order_suspend_business', 'revoke_licence'] },
      { v: '生产国家明令淘汰的产品或者销售国家明令淘汰并停止销售的产品', basis: [['quality', '第五十一条']], mult: '并处违法生产、销售产品货值金额等值以下的罚款', types: ['fine', 'confiscate_gains', 'confiscate_property', 'revoke_licence'], heavy: ['revoke_licence'] },
      { v: '销售失效、变质的产品', basis: [['quality', '第五十二条']], mult: '并处违法销售产品货值金额二倍以下的罚款', types: ['fine', 'confiscate_gains', 'confiscate_property', 'revoke_licence'], heavy: ['revoke_licence'] },
      { v: '伪造产品产地，伪造或者冒用他人厂名、厂址，伪造或者冒用认证标志等质量标志', basis: [['quality', '第五十三条']], mult: '并处违法生产、销售产品货值金额等值以下的罚款', types: ['fine', 'confiscate_gains', 'confiscate_property', 'revoke_licence'], heavy: ['revoke_licence'] },
      { v: '产品标识不符合规定', basis: [['quality', '第二十七条'], ['quality', '第五十四条']], mult: '情节严重的，并处违法生产、销售产品货值金额百分之三十以下的罚款', types: ['fine', 'confiscate_gains', 'order_suspend_business'] },
      { v: '经营者不按照规定明码标价', basis: [['price', '第十三条'], ['price', '第四十二条']], fine: [0, 5_000], types: ['fine', 'confiscate_gains'] },
      { v: '捏造、散布涨价信息，哄抬价格，推动商品价格过高上涨', basis: [['price', '第十四条第三项'], ['price', '第四十条第一款']], ...PRICE_40 },
      { v: '利用虚假的或者使人误解的价格手段诱骗消费者或者其他经营者与其进行交易', basis: [['price', '第十四条第四项'], ['price', '第四十条第一款']], ...PRICE_40 },
      { v: '提供相同商品或者服务，对具有同等交易条件的其他经营者实行价格歧视', basis: [['price', '第十四条第五项'], ['price', '第四十条第一款']], ...PRICE_40 },
      { v: '发布虚假广告', basis: [['advert', '第二十八条'], ['advert', '第五十五条第一款']], fine: [200_000, 1_000_000], mult: '处广告费用三倍以上五倍以下的罚款；广告费用无法计算或者明显偏低的，处二十万元以上一百万元以下的罚款', types: ['fine', 'confiscate_gains', 'revoke_licence'], heavy: ['revoke_licence'] },
      { v: '未经设立登记从事经营活动', basis: [['registration', '第四十三条']], fine: [10_000, 100_000], mult: '情节严重的，依法责令关闭停业，并处十万元以上五十万元以下的罚款', types: ['fine', 'confiscate_gains', 'order_close'], heavy: ['order_close'] },
      { v: '市场主体未依照规定办理变更登记', basis: [['registration', '第四十六条']], fine: [10_000, 100_000], types: ['fine', 'revoke_licence'], heavy: ['revoke_licence'] },
      { v: '使用特种设备未按照规定办理使用登记', basis: [['equipment', '第三十三条'], ['equipment', '第八十三条第一项']], fine: [10_000, 100_000], types: ['fine', 'other'] },
      { v: '使用未取得许可生产、未经检验或者检验不合格的特种设备，或者国家明令淘汰、已经报废的特种设备', basis: [['equipment', '第八十四条第一项']], fine: [30_000, 300_000], types: ['fine', 'other'] },
      { v: '特种设备使用单位未配备具有相应资格的特种设备安全管理人员、检测人员和作业人员', basis: [['equipment', '第八十六条第一项']], fine: [10_000, 50_000], types: ['fine', 'order_suspend_business'], heavy: ['order_suspend_business'] },
      { v: '属于强制检定范围的计量器具未按照规定申请检定或者检定不合格继续使用', basis: [['metrology', '第九条'], ['metrology', '第二十六条']], types: ['fine', 'other'] },
      { v: '制造、销售、使用以欺骗消费者为目的的计量器具', basis: [['metrology', '第二十七条']], types: ['fine', 'confiscate_gains', 'confiscate_property'] },
    ],
    others: [
      { category: 'licensing', name: '食品经营许可', basis: [['food', '第三十五条第一款']], conditions: '具有与经营的食品品种、数量相适应的食品经营场所和设施设备，有专职或者兼职的食品安全管理人员和保证食品安全的规章制度（《中华人民共和国食品安全法》第三十三条）', materials: [...LICENCE_MATERIALS, '食品经营许可申请书', '与食品经营相适应的主要设备设施布局、操作流程等文件', '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度'] },
      { category: 'licensing', name: '食品生产许可', basis: [['food', '第三十五条第一款']], conditions: '具有与生产的食品品种、数量相适应的生产场所、设备设施、专业技术人员和管理人员，以及保证食品安全的规章制度（《中华人民共和国食品安全法》第三十三条）', materials: [...LICENCE_MATERIALS, '食品生产许可申请书', '食品生产设备布局图和食品生产工艺流程图', '食品生产主要设备、设施清单', '专职或者兼职的食品安全专业技术人员、食品安全管理人员信息和食品安全管理制度'] },
      { category: 'confirmation', name: '特种设备使用登记', basis: [['equipment', '第三十三条']] },
      { category: 'inspection', name: '对食品生产者的监督检查', basis: [['food', '第一百一十条']], random: true },
      { category: 'inspection', name: '对食品销售者的监督检查', basis: [['food', '第一百一十条']], random: true },
      { category: 'inspection', name: '对餐饮服务提供者的监督检查', basis: [['food', '第一百一十条']], random: true },
      { category: 'inspection', name: '对特种设备使用单位的监督检查', basis: [['equipment', '第六十一条']], random: true },
      { category: 'inspection', name: '产品质量监督抽查', basis: [['quality', '第十五条']], random: true },
      { category: 'inspection', name: '对经营者价格行为的监督检查', basis: [['price', '第三十四条']], random: true },
      { category: 'inspection', name: '对广告活动的监督检查', basis: [['advert', '第四十九条']], random: true },
      { category: 'coercion', name: '查封、扣押不符合食品安全标准或者有证据证明可能危害人体健康的食品', basis: [['food', '第一百一十条第四项'], ['coerce', '第九条']] },
      { category: 'coercion', name: '查封、扣押有根据认为不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品', basis: [['quality', '第十八条第一款第四项'], ['coerce', '第九条']] },
      { category: 'coercion', name: '查封、扣押不符合安全技术规范要求或者存在严重事故隐患的特种设备', basis: [['equipment', '第六十一条第一款第三项'], ['coerce', '第九条']] },
      { category: 'coercion', name: '查封、扣押与涉嫌违法广告直接相关的广告物品、经营工具、设备等财物', basis: [['advert', '第四十九条第一款第五项'], ['coerce', '第九条']] },
      { category: 'reward', name: '对举报食品安全违法行为的奖励', basis: [['food', '第一百一十五条第一款']] },
    ],
  },

  environment: {
    abbr: 'STHJ',
    penalties: [
      { v: '未依法取得排污许可证排放大气污染物', basis: [['air', '第十九条'], ['air', '第九十九条第一项']], ...AIR_99 },
      { v: '超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物', basis: [['air', '第九十九条第二项']], ...AIR_99 },
      { v: '通过逃避监管的方式排放大气污染物', basis: [['air', '第二十条第二款'], ['air', '第九十九条第三项']], ...AIR_99 },
      { v: '产生含挥发性有机物废气的生产和服务活动未在密闭空间或者设备中进行', basis: [['air', '第四十五条'], ['air', '第一百零八条第一项']], fine: [20_000, 200_000], types: ['fine', 'order_suspend_business'], heavy: ['order_suspend_business'] },
      { v: '未密闭煤炭、煤矸石、煤渣、煤灰、水泥、石灰、石膏、砂土等易产生扬尘的物料', basis: [['air', '第一百一十七条第一项']], fine: [10_000, 100_000], types: ['fine', 'order_suspend_business'], heavy: ['order_suspend_business'] },
      { v: '未依法取得排污许可证排放水污染物', basis: [['waterPollution', '第二十一条第一款'], ['waterPollution', '第八十三条第一项']], ...AIR_99 },
      { v: '超过水污染物排放标准或者超过重点水污染物排放总量控制指标排放水污染物', basis: [['waterPollution', '第八十三条第二项']], ...AIR_99 },
      { v: '利用渗井、渗坑、裂隙、溶洞，私设暗管，篡改、伪造监测数据，或者不正常运行水污染防治设施等逃避监管的方式排放水污染物', basis: [['waterPollution', '第八十三条第三项']], ...AIR_99 },
      { v: '建设单位未依法报批建设项目环境影响报告书、报告表擅自开工建设', basis: [['eia', '第三十一条第一款']], mult: '根据违法情节和危害后果，处建设项目总投资额百分之一以上百分之五以下的罚款', types: ['fine', 'other'] },
      { v: '违法排放污染物受到罚款处罚，被责令改正，拒不改正', basis: [['env', '第五十九条第一款']], mult: '依法作出处罚决定的行政机关可以自责令改正之日的次日起，按照原处罚数额按日连续处罚', types: ['fine'] },
    ],
    others: [
      { category: 'licensing', name: '排污许可', basis: [['air', '第十九条'], ['waterPollution', '第二十一条第一款']], conditions: '依法实行排污许可管理的企业事业单位和其他生产经营者，污染物排放符合国家或者地方污染物排放标准和重点污染物排放总量控制要求', materials: [...LICENCE_MATERIALS, '排污许可证申请表', '自行监测方案', '污染防治设施、污染物排放口位置和数量等材料', '建设项目环境影响评价文件审批文号（如有）'] },
      { category: 'licensing', name: '建设项目环境影响评价文件审批', basis: [['eia', '第二十二条']], conditions: '建设项目符合生态环境保护法律法规和相关规划，环境影响报告书（表）编制规范，采取的污染防治措施能够确保污染物排放达到国家和地方排放标准', materials: [...LICENCE_MATERIALS, '建设项目环境影响报告书（表）', '公众参与说明（编制环境影响报告书的项目）'] },
      { category: 'inspection', name: '对排污单位的现场检查', basis: [['env', '第二十四条'], ['air', '第二十九条']], random: true },
      { category: 'inspection', name: '对建设项目环境保护设施“三同时”的监督检查', basis: [['env', '第四十一条']], random: true },
      { category: 'coercion', name: '查封、扣押造成污染物排放的设施、设备', basis: [['env', '第二十五条'], ['coerce', '第九条']] },
      { category: 'coercion', name: '对造成或者可能造成严重大气污染的设施、设备、物品的查封、扣押', basis: [['air', '第三十条'], ['coerce', '第九条']] },
      { category: 'other', name: '生态环境损害赔偿磋商', basis: [['civil', '第一千二百三十四条']] },
    ],
  },

  transport: {
    abbr: 'JTYS',
    penalties: [
      { v: '擅自占用、挖掘公路', basis: [['highway', '第四十四条第一款'], ['highway', '第七十六条第一项']], ...HIGHWAY_76 },
      { v: '未经同意或者未按照公路工程技术标准的要求修建桥梁、渡槽或者架设、埋设管线、电缆等设施', basis: [['highway', '第四十五条'], ['highway', '第七十六条第二项']], ...HIGHWAY_76 },
      { v: '从事危及公路安全的作业', basis: [['highway', '第四十七条'], ['highway', '第七十六条第三项']], ...HIGHWAY_76 },
      { v: '铁轮车、履带车和其他可能损害路面的机具擅自在公路上行驶', basis: [['highway', '第四十八条'], ['highway', '第七十六条第四项']], ...HIGHWAY_76 },
      { v: '车辆超限使用汽车渡船或者在公路上擅自超限行驶', basis: [['highway', '第五十条'], ['highway', '第七十六条第五项']], ...HIGHWAY_76 },
      { v: '损坏、移动、涂改公路附属设施或者损坏、挪动建筑控制区的标桩、界桩，可能危及公路安全', basis: [['highway', '第五十二条'], ['highway', '第五十六条'], ['highway', '第七十六条第六项']], ...HIGHWAY_76 },
      { v: '造成公路路面损坏、污染或者影响公路畅通，或者将公路作为试车场地', basis: [['highway', '第四十六条'], ['highway', '第五十一条'], ['highway', '第七十七条']], fine: [0, 5_000], types: ['fine'] },
      { v: '在公路用地范围内设置公路标志以外的其他标志', basis: [['highway', '第五十四条'], ['highway', '第七十九条']], fine: [0, 20_000], types: ['fine'] },
      { v: '在公路建筑控制区内修建建筑物、地面构筑物或者擅自埋设管线、电缆等设施', basis: [['highway', '第五十六条第一款'], ['highway', '第八十一条']], fine: [0, 50_000], types: ['fine', 'other'] },
    ],
    others: [
      { category: 'licensing', name: '涉路施工许可', basis: [['highway', '第四十四条第二款'], ['highway', '第四十五条']], conditions: '涉路工程设施符合公路工程技术标准，施工方案和保障公路、公路附属设施质量和安全的技术评价报告经审查通过，有处置施工险情和意外事故的应急方案', materials: [...LICENCE_MATERIALS, '符合有关技术标准、规范要求的设计和施工方案', '保障公路、公路附属设施质量和安全的技术评价报告', '处置施工险情和意外事故的应急方案'] },
      { category: 'licensing', name: '超限运输车辆行驶公路许可', basis: [['highway', '第五十条第一款']], conditions: '车货总体的外廓尺寸、总质量、轴荷等技术数据真实，运输路线经技术评估可以通行', materials: [...LICENCE_MATERIALS, '车辆行驶证、道路运输证', '货物的名称、外廓尺寸和质量', '车辆轴荷、轴数和外廓尺寸等技术参数', '运输路线、时间和护送方案'] },
      { category: 'licensing', name: '在公路用地范围内设置非公路标志许可', basis: [['highway', '第五十四条']], conditions: '非公路标志的设置位置、规格不影响公路交通安全和公路标志的识别', materials: [...LICENCE_MATERIALS, '非公路标志设置位置图和设计图', '设置期限说明'] },
      { category: 'inspection', name: '公路路政监督检查', basis: [['highway', '第七十一条']], random: true },
    ],
  },

  emergency: {
    abbr: 'YJGL',
    penalties: [
      { v: '生产经营单位未按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师', basis: [['safety', '第二十四条'], ['safety', '第九十七条第一项']], ...SAFETY_97 },
      { v: '危险物品的生产、经营、储存、装卸单位以及矿山、金属冶炼、建筑施工、运输单位的主要负责人和安全生产管理人员未按照规定经考核合格', basis: [['safety', '第二十七条'], ['safety', '第九十七条第二项']], ...SAFETY_97 },
      { v: '未按照规定对从业人员、被派遣劳动者、实习学生进行安全生产教育和培训，或者未按照规定如实告知有关的安全生产事项', basis: [['safety', '第二十八条'], ['safety', '第九十七条第三项']], ...SAFETY_97 },
      { v: '未如实记录安全生产教育和培训情况', basis: [['safety', '第九十七条第四项']], ...SAFETY_97 },
      { v: '未按照规定制定生产安全事故应急救援预案或者未定期组织演练', basis: [['safety', '第九十七条第六项']], ...SAFETY_97 },
      { v: '特种作业人员未按照规定经专门的安全作业培训并取得相应资格上岗作业', basis: [['safety', '第三十条'], ['safety', '第九十七条第七项']], ...SAFETY_97 },
      { v: '未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志', basis: [['safety', '第三十五条'], ['safety', '第九十九条第一项']], ...SAFETY_99 },
      { v: '安全设备的安装、使用、检测、改造和报废不符合国家标准或者行业标准', basis: [['safety', '第三十六条'], ['safety', '第九十九条第二项']], ...SAFETY_99 },
      { v: '未对安全设备进行经常性维护、保养和定期检测', basis: [['safety', '第九十九条第三项']], ...SAFETY_99 },
      { v: '关闭、破坏直接关系生产安全的监控、报警、防护、救生设备、设施，或者篡改、隐瞒、销毁其相关数据、信息', basis: [['safety', '第九十九条第四项']], ...SAFETY_99 },
      { v: '未为从业人员提供符合国家标准或者行业标准的劳动防护用品', basis: [['safety', '第四十五条'], ['safety', '第九十九条第五项']], ...SAFETY_99 },
      { v: '餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置', basis: [['safety', '第九十九条第八项']], ...SAFETY_99 },
      { v: '未建立事故隐患排查治理制度，或者重大事故隐患排查治理情况未按照规定报告', basis: [['safety', '第四十一条'], ['safety', '第一百零一条第五项']], fine: [0, 100_000], mult: '逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款', types: ['fine', 'order_suspend_business'], heavy: ['order_suspend_business'] },
      { v: '生产经营单位未采取措施消除事故隐患', basis: [['safety', '第一百零二条']], fine: [0, 50_000], mult: '拒不执行的，责令停产停业整顿，对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款', types: ['fine', 'order_suspend_business'], heavy: ['order_suspend_business'] },
      { v: '生产、经营、储存、使用危险物品的车间、商店、仓库与员工宿舍在同一座建筑内，或者与员工宿舍的距离不符合安全要求', basis: [['safety', '第四十二条'], ['safety', '第一百零五条第一项']], fine: [0, 50_000], types: ['fine', 'order_suspend_business'], heavy: ['order_suspend_business'] },
    ],
    others: [
      { category: 'licensing', name: '危险化学品经营许可', basis: [['hazchem', '第三十三条']], conditions: '有符合国家标准、行业标准的经营场所和储存设施，从业人员经过专业技术培训并考核合格，有健全的安全管理规章制度、专职安全管理人员和事故应急救援预案（《危险化学品安全管理条例》第三十四条）', materials: [...LICENCE_MATERIALS, '危险化学品经营许可证申请书', '经营场所产权证明或者租赁证明', '安全生产管理制度和岗位操作规程目录', '主要负责人、安全生产管理人员考核合格证明', '事故应急救援预案'] },
      { category: 'licensing', name: '烟花爆竹经营（零售）许可', basis: [['fireworks', '第三条']], conditions: '零售经营场所符合安全要求，主要负责人经过安全知识教育，有符合规定的存放条件', materials: [...LICENCE_MATERIALS, '烟花爆竹经营（零售）许可证申请书', '零售经营场所平面图和周边安全条件说明', '主要负责人安全培训合格证明'] },
      { category: 'inspection', name: '对生产经营单位安全生产情况的监督检查', basis: [['safety', '第六十五条']], random: true },
      { category: 'inspection', name: '对危险化学品经营单位的安全生产监督检查', basis: [['safety', '第六十五条']], random: true },
      { category: 'inspection', name: '对工贸行业企业的安全生产执法检查', basis: [['safety', '第六十五条']], random: true },
      { category: 'coercion', name: '查封、扣押不符合保障安全生产标准的设施、设备、器材以及违法生产、储存、使用、经营、运输的危险物品', basis: [['safety', '第六十五条第一款第四项'], ['coerce', '第九条']] },
      { category: 'coercion', name: '对拒不执行停产停业决定且有发生生产安全事故现实危险的生产经营单位通知停止供电', basis: [['safety', '第七十条第一款']] },
      { category: 'reward', name: '对报告重大事故隐患或者举报安全生产违法行为的有功人员的奖励', basis: [['safety', '第七十六条']] },
    ],
  },

  agriculture: {
    abbr: 'NYNC',
    penalties: [
      { v: '使用炸鱼、毒鱼、电鱼等破坏渔业资源的方法进行捕捞', basis: [['fishery', '第三十条第一款'], ['fishery', '第三十八条第一款']], ...FISH_38 },
      { v: '违反关于禁渔区、禁渔期的规定进行捕捞', basis: [['fishery', '第三十八条第一款']], ...FISH_38 },
      { v: '使用禁用的渔具、捕捞方法或者小于最小网目尺寸的网具进行捕捞', basis: [['fishery', '第三十八条第一款']], ...FISH_38 },
      { v: '未依法取得捕捞许可证擅自进行捕捞', basis: [['fishery', '第二十三条第一款'], ['fishery', '第四十一条']], fine: [0, 100_000], types: ['fine', 'confiscate_gains', 'confiscate_property'] },
      { v: '违反捕捞许可证关于作业类型、场所、时限和渔具数量的规定进行捕捞', basis: [['fishery', '第四十二条']], ...FISH_38 },
      { v: '农村村民未经批准或者采取欺骗手段骗取批准，非法占用土地建住宅', basis: [['land', '第六十二条'], ['land', '第七十八条第一款']], types: ['other'] },
    ],
    others: [
      { category: 'licensing', name: '渔业捕捞许可', basis: [['fishery', '第二十三条第一款']], conditions: '有渔业船舶检验证书、渔业船舶登记证书，符合国家规定的其他条件（《中华人民共和国渔业法》第二十四条）', materials: [...LICENCE_MATERIALS, '渔业捕捞许可证申请书', '渔业船舶检验证书、渔业船舶登记证书', '渔具和捕捞方法说明'] },
      { category: 'levy', name: '渔业资源增殖保护费征收', basis: [['fishery', '第二十八条']] },
      { category: 'inspection', name: '渔业行政执法检查', basis: [['fishery', '第六条']], random: true },
      { category: 'benefit', name: '耕地地力保护补贴发放', basis: [['subsidy', '全文']] },
    ],
  },

  culture_tourism: {
    abbr: 'WHLY',
    penalties: [
      { v: '未经许可经营旅行社业务', basis: [['tourism', '第二十八条'], ['tourism', '第九十五条第一款']], fine: [10_000, 100_000], mult: '违法所得十万元以上的，并处违法所得一倍以上五倍以下罚款', types: ['fine', 'confiscate_gains'] },
      { v: '旅行社未经许可经营出境旅游、边境旅游业务，或者出租、出借旅行社业务经营许可证', basis: [['tourism', '第九十五条第二款']], fine: [10_000, 100_000], types: ['fine', 'confiscate_gains', 'order_suspend_business', 'revoke_licence'], heavy: ['order_suspend_business', 'revoke_licence'] },
      { v: '旅行社以不合理的低价组织旅游活动，诱骗旅游者，并通过安排购物或者另行付费旅游项目获取回扣等不正当利益', basis: [['tourism', '第三十五条第一款'], ['tourism', '第九十八条']], fine: [30_000, 300_000], types: ['fine', 'confiscate_gains', 'order_suspend_business', 'revoke_licence'], heavy: ['order_suspend_business', 'revoke_licence'] },
      { v: '未取得导游证或者不具备领队条件而从事导游、领队活动', basis: [['tourism', '第一百零二条第一款']], fine: [1_000, 10_000], types: ['fine', 'confiscate_gains'] },
      { v: '导游、领队私自承揽业务', basis: [['tourism', '第四十条'], ['tourism', '第一百零二条第二款']], fine: [1_000, 10_000], types: ['fine', 'confiscate_gains', 'suspend_licence', 'revoke_licence'], heavy: ['revoke_licence'] },
    ],
    others: [
      { category: 'licensing', name: '旅行社业务经营许可', basis: [['tourism', '第二十八条']], conditions: '有固定的经营场所，有必要的营业设施，有符合规定的注册资本，有必要的经营管理人员和导游（《中华人民共和国旅游法》第二十八条）', materials: [...LICENCE_MATERIALS, '旅行社业务经营许可申请书', '经营场所证明', '营业设施、设备说明', '经营管理人员和导游的证明材料'] },
      { category: 'inspection', name: '对旅行社经营活动的监督检查', basis: [['tourism', '第八十五条']], random: true },
    ],
  },

  natural_resources: {
    abbr: 'ZRZY',
    penalties: [
      { v: '未经批准或者采取欺骗手段骗取批准，非法占用土地', basis: [['land', '第七十七条第一款'], ['landRegs', '第五十七条']], mult: '罚款额为非法占用土地每平方米一百元以上一千元以下', types: ['fine', 'confiscate_property', 'other'], heavy: ['confiscate_property'] },
      { v: '买卖或者以其他形式非法转让土地', basis: [['land', '第七十四条']], types: ['fine', 'confiscate_gains', 'confiscate_property'], heavy: ['confiscate_property'] },
      { v: '占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等，破坏种植条件', basis: [['land', '第三十七条'], ['land', '第七十五条']], types: ['fine', 'other'] },
      { v: '未取得建设工程规划许可证进行建设', basis: [['planning', '第四十条第一款'], ['planning', '第六十四条']], ...PLANNING_64 },
      { v: '未按照建设工程规划许可证的规定进行建设', basis: [['planning', '第六十四条']], ...PLANNING_64 },
    ],
    others: [
      { category: 'licensing', name: '建设用地规划许可证核发', basis: [['planning', '第三十七条'], ['planning', '第三十八条']], conditions: '建设项目符合国土空间规划和规划条件', materials: [...LICENCE_MATERIALS, '建设项目批准、核准或者备案文件', '国有土地使用权出让合同或者划拨用地批准文件', '宗地图'] },
      { category: 'licensing', name: '建设工程规划许可证核发', basis: [['planning', '第四十条']], conditions: '建设工程设计方案符合控制性详细规划和规划条件', materials: [...LICENCE_MATERIALS, '使用土地的有关证明文件', '建设工程设计方案', '建设工程总平面图'] },
      { category: 'licensing', name: '乡村建设规划许可证核发', basis: [['planning', '第四十一条']], conditions: '在乡、村庄规划区内进行建设，符合乡规划、村庄规划，不占用农用地或者已依法办理农用地转用审批', materials: [...LICENCE_MATERIALS, '村民委员会意见', '建设工程设计方案或者农房建设图样'] },
      { category: 'confirmation', name: '不动产登记', basis: [['civil', '第二百一十条']] },
      { category: 'levy', name: '耕地开垦费征收', basis: [['land', '第三十条第二款']] },
      { category: 'adjudication', name: '土地权属争议调处', basis: [['land', '第十四条']] },
      { category: 'inspection', name: '土地执法监督检查', basis: [['land', '第六十七条']] },
    ],
  },

  housing: {
    abbr: 'ZFJS',
    penalties: [
      { v: '未取得施工许可证或者开工报告未经批准擅自施工', basis: [['building', '第七条'], ['building', '第六十四条'], ['quality2000', '第五十七条']], mult: '处工程合同价款百分之一以上百分之二以下的罚款', types: ['fine', 'other'] },
      { v: '建设单位迫使承包方以低于成本的价格竞标', basis: [['quality2000', '第五十六条']], ...QUALITY_56 },
      { v: '建设单位任意压缩合理工期', basis: [['quality2000', '第五十六条']], ...QUALITY_56 },
      { v: '建设单位明示或者暗示设计单位或者施工单位违反工程建设强制性标准，降低工程质量', basis: [['quality2000', '第五十六条']], ...QUALITY_56 },
      { v: '施工图设计文件未经审查或者审查不合格，擅自施工', basis: [['quality2000', '第五十六条']], ...QUALITY_56 },
      { v: '建设单位明示或者暗示施工单位使用不合格的建筑材料、建筑构配件和设备', basis: [['quality2000', '第五十六条']], ...QUALITY_56 },
      { v: '建设单位未组织竣工验收，擅自交付使用', basis: [['quality2000', '第五十八条']], ...QUALITY_58 },
      { v: '建设工程验收不合格，擅自交付使用', basis: [['quality2000', '第五十八条']], ...QUALITY_58 },
      { v: '对不合格的建设工程按照合格工程验收', basis: [['quality2000', '第五十八条']], ...QUALITY_58 },
    ],
    others: [
      { category: 'licensing', name: '建筑工程施工许可证核发', basis: [['building', '第七条'], ['building', '第八条']], conditions: '已经办理用地批准手续，依法取得建设工程规划许可证，有满足施工需要的资金安排、施工图纸及技术资料，已确定建筑施工企业，有保证工程质量和安全的具体措施（《中华人民共和国建筑法》第八条）', materials: [...LICENCE_MATERIALS, '建筑工程施工许可证申请表', '建设工程规划许可证', '施工图设计文件审查合格书', '中标通知书或者直接发包批准文件、施工合同', '保证工程质量和安全的具体措施'] },
      { category: 'inspection', name: '建设工程质量监督检查', basis: [['quality2000', '第四十七条']], random: true },
    ],
  },

  health: {
    abbr: 'WSJK',
    penalties: [
      { v: '未取得医疗机构执业许可证擅自执业', basis: [['healthcare', '第三十八条'], ['healthcare', '第九十九条第一款']], fine: [50_000, 200_000], mult: '没收违法所得和药品、医疗器械，并处违法所得五倍以上二十倍以下的罚款，违法所得不足一万元的，按一万元计算', types: ['fine', 'confiscate_gains', 'confiscate_property'] },
      { v: '非医师行医', basis: [['physicians', '第五十九条']], fine: [20_000, 100_000], mult: '没收违法所得和药品、医疗器械，并处违法所得二倍以上十倍以下的罚款，违法所得不足一万元的，按一万元计算', types: ['fine', 'confiscate_gains', 'confiscate_property'] },
      { v: '公共场所卫生质量不符合国家卫生标准和要求而继续营业', basis: [['publicPlaces', '第十四条第一款第一项']], ...PUBLIC_14 },
      { v: '公共场所直接为顾客服务的人员未获得健康合格证', basis: [['publicPlaces', '第十四条第一款第二项']], ...PUBLIC_14 },
      { v: '拒绝公共场所卫生监督', basis: [['publicPlaces', '第十四条第一款第三项']], ...PUBLIC_14 },
      { v: '公共场所经营单位未取得卫生许可证擅自营业', basis: [['publicPlaces', '第八条'], ['publicPlaces', '第十四条第一款第四项']], ...PUBLIC_14 },
    ],
    others: [
      { category: 'licensing', name: '医疗机构执业登记', basis: [['medInst', '第十五条']], conditions: '按照规定取得设置医疗机构批准书（按规定无需设置审批的除外），符合医疗机构基本标准，有适合的名称、组织机构和场所，有与其开展的业务相适应的经费、设施、设备和专业卫生技术人员', materials: [...LICENCE_MATERIALS, '医疗机构执业登记申请书', '医疗机构用房产权证明或者使用证明', '医疗机构建筑设计平面图', '验资证明、资产评估报告', '医疗机构规章制度', '医疗机构法定代表人或者主要负责人以及各科室负责人名录和有关资格证书、执业证书复印件'] },
      { category: 'licensing', name: '公共场所卫生许可', basis: [['publicPlaces', '第八条']], conditions: '公共场所的卫生设施、空气、微小气候、水质、采光、照明、噪声等符合国家卫生标准和要求，从业人员持有效健康合格证明', materials: [...LICENCE_MATERIALS, '公共场所卫生许可申请表', '公共场所地址方位示意图、平面图和卫生设施平面布局图', '公共场所卫生检测或者评价报告', '公共场所卫生管理制度'] },
      { category: 'inspection', name: '对医疗机构依法执业情况的监督检查', basis: [['healthcare', '第八十六条']], random: true },
      { category: 'inspection', name: '对住宿、沐浴、美容美发等公共场所的卫生监督检查', basis: [['publicPlaces', '第十条']], random: true },
    ],
  },

  urban: {
    abbr: 'CSGL',
    penalties: [
      { v: '在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品', basis: [['cityScape', '第十七条'], ['cityScape', '第三十四条第二项']], ...SCAPE },
      { v: '在城市人民政府规定的街道的临街建筑物的阳台和窗外堆放、吊挂有碍市容的物品', basis: [['cityScape', '第三十四条第三项']], ...SCAPE },
      { v: '不按规定的时间、地点、方式倾倒垃圾、粪便', basis: [['cityScape', '第三十四条第四项']], ...SCAPE },
      { v: '不履行卫生责任区清扫保洁义务或者不按规定清运、处理垃圾和粪便', basis: [['cityScape', '第三十四条第五项']], ...SCAPE },
      { v: '运输液体、散装货物不作密封、包扎、覆盖，造成泄漏、遗撒', basis: [['cityScape', '第十五条'], ['cityScape', '第三十四条第六项']], ...SCAPE },
      { v: '临街工地不设置护栏或者不作遮挡、停工场地不及时整理并作必要覆盖或者竣工后不及时清理和平整场地', basis: [['cityScape', '第三十四条第七项']], ...SCAPE },
      { v: '未经同意擅自设置大型户外广告，影响市容', basis: [['cityScape', '第十一条'], ['cityScape', '第三十六条第一项']], types: ['fine', 'other'] },
      { v: '未经批准擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施', basis: [['cityScape', '第三十六条第二项']], types: ['fine', 'other'] },
      { v: '擅自占用或者挖掘城市道路', basis: [['cityRoads', '第二十七条'], ['cityRoads', '第四十二条']], ...ROAD_42 },
      { v: '未在城市道路施工现场设置明显标志和安全防围设施', basis: [['cityRoads', '第四十二条第二项']], ...ROAD_42 },
      { v: '占用城市道路期满或者挖掘城市道路后不及时清理现场', basis: [['cityRoads', '第四十二条第三项']], ...ROAD_42 },
      { v: '排水户未取得污水排入排水管网许可证向城镇排水设施排放污水', basis: [['drainage', '第二十一条'], ['drainage', '第五十条第一款']], fine: [0, 500_000], types: ['fine'] },
      { v: '损坏城市树木花草', basis: [['cityGreen', '第二十六条第一项']], ...GREEN_26 },
      { v: '擅自修剪或者砍伐城市树木', basis: [['cityGreen', '第二十六条第二项']], ...GREEN_26 },
      { v: '砍伐、擅自迁移古树名木或者因养护不善致使古树名木受到损伤或者死亡', basis: [['cityGreen', '第二十六条第三项']], ...GREEN_26 },
      { v: '损坏城市绿化设施', basis: [['cityGreen', '第二十六条第四项']], ...GREEN_26 },
    ],
    others: [
      { category: 'licensing', name: '临时占用城市道路许可', basis: [['cityRoads', '第三十一条']], conditions: '因特殊情况确需临时占用，占用期限、位置、面积符合城市道路管理要求', materials: [...LICENCE_MATERIALS, '占用城市道路申请表', '占道位置平面图', '交通组织和安全防护方案'] },
      { category: 'licensing', name: '挖掘城市道路许可', basis: [['cityRoads', '第三十三条']], conditions: '因工程建设确需挖掘城市道路，持有城市规划部门批准签发的文件和有关设计文件', materials: [...LICENCE_MATERIALS, '挖掘城市道路申请表', '城市规划部门批准签发的文件', '施工设计图和施工方案', '道路挖掘修复承诺书'] },
      { category: 'licensing', name: '设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批', basis: [['cityScape', '第十一条']], conditions: '设置位置、规格、材质符合城市户外广告设置规划和市容标准', materials: [...LICENCE_MATERIALS, '户外广告设置申请表', '设置位置图和效果图', '设施结构安全证明'] },
      { category: 'licensing', name: '城镇污水排入排水管网许可', basis: [['drainage', '第二十一条']], conditions: '排放的污水水质符合国家或者地方规定的排放标准，按照规定建设相应的预处理设施和水质、水量检测设施', materials: [...LICENCE_MATERIALS, '排水许可申请表', '排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明', '排水水质、水量检测报告'] },
      { category: 'fee', name: '城市道路占用费、挖掘修复费收取', basis: [['cityRoads', '第三十七条']] },
      { category: 'levy', name: '污水处理费征收', basis: [['drainage', '第三十二条']] },
      { category: 'inspection', name: '城市市容和环境卫生监督检查', basis: [['cityScape', '第四条']], random: true },
      { category: 'reward', name: '对在城市市容和环境卫生工作中成绩显著的单位和个人的表彰奖励', basis: [['cityScape', '第七条']] },
    ],
  },

  water: {
    abbr: 'SLSW',
    penalties: [
      { v: '在河道管理范围内建设妨碍行洪的建筑物、构筑物，或者从事影响河势稳定、危害河岸堤防安全和其他妨碍河道行洪的活动', basis: [['water', '第三十七条第二款'], ['water', '第六十五条第一款']], fine: [10_000, 100_000], types: ['fine', 'other'] },
      { v: '未经同意擅自修建水工程，或者建设桥梁、码头和其他拦河、跨河、临河建筑物、构筑物', basis: [['water', '第三十八条'], ['water', '第六十五条第二款']], fine: [10_000, 100_000], types: ['fine', 'other'] },
      { v: '未经批准擅自取水', basis: [['water', '第四十八条'], ['water', '第六十九条第一项']], fine: [20_000, 100_000], types: ['fine', 'revoke_licence'], heavy: ['revoke_licence'] },
      { v: '未依照批准的取水许可规定条件取水', basis: [['water', '第六十九条第二项']], fine: [20_000, 100_000], types: ['fine', 'revoke_licence'], heavy: ['revoke_licence'] },
    ],
    others: [
      { category: 'licensing', name: '取水许可', basis: [['water', '第四十八条']], conditions: '取水符合水资源综合规划、流域综合规划、水功能区划和用水总量控制要求', materials: [...LICENCE_MATERIALS, '取水许可申请书', '建设项目水资源论证报告书（表）', '与第三者利害关系的相关说明'] },
      { category: 'licensing', name: '河道管理范围内建设项目工程建设方案审查', basis: [['water', '第三十八条']], conditions: '建设项目符合防洪标准、岸线规划和其他技术要求，不影响河势稳定、行洪畅通和堤防安全', materials: [...LICENCE_MATERIALS, '建设项目所依据的文件', '建设项目防洪评价报告', '工程设计方案和施工方案'] },
      { category: 'levy', name: '水土保持补偿费征收', basis: [['soil', '第三十二条第二款']] },
      { category: 'adjudication', name: '水事纠纷调处', basis: [['water', '第五十七条']] },
      { category: 'inspection', name: '水政监督检查', basis: [['water', '第六十条']], random: true },
    ],
  },

  human_resources: {
    abbr: 'RLSB',
    penalties: [
      { v: '用人单位违反劳动保障法律、法规或者规章延长劳动者工作时间', basis: [['labourInspection', '第二十五条']], mult: '按照受侵害的劳动者每人一百元以上五百元以下的标准计算罚款', types: ['warning', 'fine'] },
      { v: '安排女职工从事矿山井下劳动、国家规定的第四级体力劳动强度的劳动或者其他禁忌从事的劳动', basis: [['labourInspection', '第二十三条第一项']], mult: '按照受侵害的劳动者每人一千元以上五千元以下的标准计算罚款', types: ['fine'] },
      { v: '用人单位不办理社会保险登记', basis: [['socialInsurance', '第八十四条']], mult: '逾期不改正的，对用人单位处应缴社会保险费数额一倍以上三倍以下的罚款', types: ['fine'] },
      { v: '用人单位未按时足额缴纳社会保险费，经责令限期缴纳逾期仍不缴纳', basis: [['socialInsurance', '第八十六条']], mult: '处欠缴数额一倍以上三倍以下的罚款', types: ['fine'] },
    ],
    others: [
      { category: 'confirmation', name: '工伤认定', basis: [['injury', '第十七条'], ['injury', '第二十条']] },
      { category: 'benefit', name: '失业保险金给付', basis: [['socialInsurance', '第四十五条']] },
      { category: 'inspection', name: '劳动保障监察', basis: [['labourInspection', '第十五条']], random: true },
    ],
  },

  justice: {
    abbr: 'SFXZ',
    penalties: [
      { v: '没有取得律师执业证书的人员以律师名义从事法律服务业务', basis: [['lawyers', '第五十五条']], mult: '没收违法所得，处违法所得一倍以上五倍以下的罚款', types: ['fine', 'confiscate_gains'] },
    ],
    others: [
      { category: 'other', name: '行政执法监督检查', basis: [['gb118', '全文']] },
    ],
  },
};

/** Extra items only the city justice bureau lists. */
export const CITY_JUSTICE_EXTRA: readonly PlainTpl[] = [
  { category: 'other', name: '律师执业申请的受理和审查', basis: [['lawyers', '第六条']] },
];

/** 乡、镇人民政府的法定职权: 城乡规划法 Art.65 (every township lists it). */
export const TOWNSHIP_STATUTORY: PenaltyTpl = {
  v: '在乡、村庄规划区内未依法取得乡村建设规划许可证或者未按照乡村建设规划许可证的规定进行建设',
  basis: [['planning', '第六十五条']],
  types: ['other'],
};

/** Sectors whose penalties (and inspections) the county comprehensive-enforcement bureau absorbed. */
export const ABSORBED_SECTORS: readonly SectorCode[] = ['urban', 'housing', 'natural_resources', 'water', 'culture_tourism'];

/**
 * Items the county comprehensive-enforcement bureau devolves to one township (赋权, 行政处罚法 Art.24): city-appearance
 * and greening penalties — the kind of matters township devolution lists contain (demo selection).
 */
export const DEVOLVED: readonly { sector: SectorCode; index: number }[] = [0, 1, 2, 3, 4, 5, 6, 7, 12, 13].map((index) => ({ sector: 'urban' as const, index }));

export const FLOWCHARTS: Record<ItemCategory, readonly string[]> = {
  penalty: ['立案', '调查取证', '法制审核', '告知', '决定', '送达', '执行', '结案'],
  licensing: ['申请', '受理', '审查', '决定', '送达（制证）', '公开'],
  coercion: ['审批', '告知当事人', '实施查封、扣押并制作现场笔录', '送达决定书', '作出处理决定（解除或者依法处理）', '归档'],
  inspection: ['制定检查计划', '随机抽取检查对象和执法人员', '实施检查并制作检查记录', '结果告知与整改', '结果公示'],
  levy: ['核定', '通知缴纳', '征收', '缴入国库', '公开'],
  fee: ['受理', '核定收费金额', '开具票据收取', '缴入国库'],
  confirmation: ['申请', '受理', '审核', '确认（登记）', '送达'],
  benefit: ['申请', '受理', '审核', '公示', '给付'],
  adjudication: ['申请', '受理', '调查', '调解', '裁决', '送达'],
  reward: ['举报（推荐）', '核实', '审批', '奖励发放', '归档'],
  other: ['启动', '实施', '决定', '归档'],
};

export const CATEGORY_ABBR: Record<ItemCategory, string> = {
  licensing: 'XK',
  penalty: 'CF',
  coercion: 'QZ',
  levy: 'ZS',
  fee: 'SF',
  inspection: 'JC',
  confirmation: 'QR',
  benefit: 'JF',
  adjudication: 'CJ',
  reward: 'JL',
  other: 'QT',
};
