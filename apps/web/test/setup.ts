/**
 * jsdom setup for the web component tests: the browser APIs antd relies on (matchMedia, ResizeObserver,
 * getComputedStyle pseudo elements) and a stub for ECharts, which needs a real canvas.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string): MediaQueryList => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
  Object.defineProperty(globalThis, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
}

// jsdom does not implement pseudo-element styles; antd asks for them (scrollbar size) and would log errors.
const realGetComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = ((elt: Element, pseudo?: string | null) => realGetComputedStyle(elt, pseudo ? undefined : pseudo)) as typeof window.getComputedStyle;

// ECharts draws on a canvas jsdom does not have: render a placeholder that exposes the option for assertions.
vi.mock('echarts-for-react', async () => {
  const React = await import('react');
  return {
    __esModule: true,
    default: (props: { option?: unknown }) => React.createElement('div', { 'data-testid': 'echarts-mock', 'data-option': JSON.stringify(props.option ?? null) }),
  };
});
vi.mock('echarts-for-react/esm/core', async () => {
  const React = await import('react');
  return {
    __esModule: true,
    default: (props: { option?: unknown }) => React.createElement('div', { 'data-testid': 'echarts-mock', 'data-option': JSON.stringify(props.option ?? null) }),
  };
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});
