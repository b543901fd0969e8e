import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Table } from 'antd';
import { useZh } from '../../../components/enforcement/procedure.tsx';
import type { InventoryLine } from './types.ts';

export const emptyLine = (): InventoryLine => ({ description: '', quantity: 1, unit: '件', isRelatedToViolation: true, isLifeNecessity: false, isSealedElsewhere: false });

/** 清单 (行政强制法 Art.24): one card per line so it reads on a phone; the Art.23 checks are ticked per line. */
export function InventoryEditor({ name = 'inventory' }: { name?: string }) {
  const zh = useZh();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div data-testid="inventory-editor">
          {fields.map((f, n) => (
            <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={`${zh('第', '#')}${n + 1}${zh('项', '')}`} extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />}>
              <Row gutter={8}>
                <Col xs={24} md={12}>
                  <Form.Item name={[f.name, 'description']} label={zh('财物名称、规格', 'Property')} rules={[{ required: true, whitespace: true }]}>
                    <Input data-testid={`inventory-${n}-description`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[f.name, 'quantity']} label={zh('数量', 'Quantity')} rules={[{ required: true }]}>
                    <InputNumber min={0.001} style={{ width: '100%' }} data-testid={`inventory-${n}-quantity`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[f.name, 'unit']} label={zh('单位', 'Unit')} rules={[{ required: true, whitespace: true }]}>
                    <Input data-testid={`inventory-${n}-unit`} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={[f.name, 'isRelatedToViolation']} valuePropName="checked" noStyle>
                <Checkbox>{zh('与违法行为有关', 'Involved in the violation')}</Checkbox>
              </Form.Item>
              <Form.Item name={[f.name, 'isLifeNecessity']} valuePropName="checked" noStyle>
                <Checkbox>{zh('生活必需品', 'Necessity of life')}</Checkbox>
              </Form.Item>
              <Form.Item name={[f.name, 'isSealedElsewhere']} valuePropName="checked" noStyle>
                <Checkbox>{zh('已被其他机关查封', 'Sealed by another authority')}</Checkbox>
              </Form.Item>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add(emptyLine())} block data-testid="inventory-add">
            {zh('添加财物', 'Add a line')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

export function InventoryTable({ rows }: { rows: InventoryLine[] }) {
  const zh = useZh();
  return (
    <Table<InventoryLine>
      size="small"
      rowKey={(_, n) => String(n)}
      pagination={false}
      dataSource={rows}
      data-testid="inventory-table"
      scroll={{ x: 480 }}
      columns={[
        { title: '#', key: 'n', width: 40, render: (_, __, n) => n + 1 },
        { title: zh('财物名称、规格', 'Property'), dataIndex: 'description' },
        { title: zh('数量', 'Quantity'), key: 'q', width: 110, render: (_, r) => `${r.quantity} ${r.unit}` },
        { title: zh('备注', 'Note'), key: 'note', width: 160, render: (_, r) => [r.isLifeNecessity ? zh('生活必需品', 'necessity') : '', r.isSealedElsewhere ? zh('已被查封', 'sealed elsewhere') : '', r.isRelatedToViolation ? '' : zh('与违法无关', 'unrelated'), r.note ?? ''].filter(Boolean).join('；') || '—' },
      ]}
    />
  );
}
