// Charts as inline SVG, no library: stacked columns (storage by month, channel or queue;
// retention by month) and horizontal bars (bot outcomes, CSAT). Each chart is drawn at the
// width of its container (text stays legible on a phone), redrawn when that width changes,
// named for screen readers (role="img" + a summary), and sits beside a table of its figures.
(function (Demo) {
  'use strict';
  const { h, svg, fill } = Demo;

  const redraws = new WeakMap();
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const state = redraws.get(entry.target);
      const width = Math.round(entry.contentRect.width);
      if (state && width > 0 && Math.abs(width - state.width) > 8) state.draw();
    }
  });

  /** Draws `render(width)` into `container` now and again when the container's width changes. */
  function mount(container, render) {
    const state = {
      width: 0,
      draw() {
        state.width = Math.round(container.clientWidth) || 600;
        fill(container, render(Math.max(280, state.width)));
      },
    };
    redraws.set(container, state);
    observer.observe(container);
    state.draw();
  }

  /** Round numbers for an axis: 0 and about four steps up to at least `max`. */
  function ticks(max) {
    if (!(max > 0)) return [0, 1];
    const rough = max / 4;
    const magnitude = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough);
    return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
  }

  /** Round numbers of bytes: steps of whole KB or MB (1024-based), as `formatBytes` writes them. */
  function byteTicks(max) {
    const unit = max >= 1024 * 1024 ? 1024 * 1024 : max >= 1024 ? 1024 : 1;
    return ticks(max / unit).map((tick) => tick * unit);
  }

  function legend(series) {
    return h(
      'ul',
      { class: 'legend' },
      series.map((s) => h('li', {}, [h('span', { class: `swatch ${s.className}`, 'aria-hidden': 'true' }), s.name])),
    );
  }

  /**
   * Stacked columns: one column per category, one segment per series.
   * `{ label, categories: string[], series: [{ name, className, values: number[] }], format }`
   */
  function columnChart(container, { label, categories, series, format }) {
    const axisTicks = format === Demo.formatBytes ? byteTicks : ticks;
    mount(container, (width) => {
      const height = 230;
      const left = 64;
      const bottom = 44;
      const top = 12;
      const plotWidth = width - left - 8;
      const plotHeight = height - top - bottom;
      const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
      const axis = axisTicks(Math.max(...totals, 0));
      const max = axis.at(-1);
      const y = (value) => top + plotHeight - (value / max) * plotHeight;
      const slot = plotWidth / Math.max(1, categories.length);
      const barWidth = Math.min(64, slot * 0.6);
      const summary = categories.map((category, i) => `${category}: ${format(totals[i])}`).join('; ');
      const chart = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${label}. ${summary}` }, [
        svg('title', {}, [label]),
        ...axis.map((tick) =>
          svg('g', { class: 'tick' }, [
            svg('line', { x1: left, x2: width - 8, y1: y(tick), y2: y(tick) }),
            svg('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, [format(tick)]),
          ]),
        ),
        ...categories.map((category, i) => {
          const x = left + slot * i + (slot - barWidth) / 2;
          let base = 0;
          const segments = series.map((s) => {
            const value = s.values[i] ?? 0;
            const rect = svg(
              'rect',
              { class: s.className, x, y: y(base + value), width: barWidth, height: Math.max(0, y(base) - y(base + value)) },
              [svg('title', {}, [`${category}, ${s.name}: ${format(value)}`])],
            );
            base += value;
            return rect;
          });
          const name = category.length > 14 && slot < 110 ? `${category.slice(0, 12)}…` : category;
          return svg('g', {}, [
            ...segments,
            svg('text', { class: 'category', x: x + barWidth / 2, y: height - bottom + 16, 'text-anchor': 'middle' }, [name]),
            svg('text', { class: 'total', x: x + barWidth / 2, y: height - bottom + 32, 'text-anchor': 'middle' }, [format(totals[i])]),
          ]);
        }),
        svg('line', { class: 'axis', x1: left, x2: width - 8, y1: y(0), y2: y(0) }),
      ]);
      return [chart, legend(series)];
    });
  }

  const context = document.createElement('canvas').getContext('2d');
  /** How wide a chart's text (11px, the page's font) is drawn. */
  function textWidth(text) {
    if (!context) return text.length * 6.5;
    context.font = `11px ${getComputedStyle(document.body).fontFamily}`;
    return context.measureText(text).width;
  }

  /**
   * Horizontal bars: `{ label, items: [{ label, value, className? }], format }`.
   */
  function barChart(container, { label, items, format }) {
    mount(container, (width) => {
      const row = 30;
      // Room for the longest label (11px text), but never more than half the width.
      const labelWidth = Math.min(Math.round(width / 2), Math.ceil(Math.max(0, ...items.map((item) => textWidth(item.label)))) + 14);
      const valueWidth = 56;
      const height = items.length * row + 8;
      const max = Math.max(1, ...items.map((item) => item.value));
      const scale = (width - labelWidth - valueWidth - 8) / max;
      const summary = items.map((item) => `${item.label}: ${format(item.value)}`).join('; ');
      return svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${label}. ${summary}` }, [
        svg('title', {}, [label]),
        ...items.map((item, i) => {
          const y = 4 + i * row;
          const barWidth = Math.max(item.value > 0 ? 2 : 0, item.value * scale);
          return svg('g', {}, [
            svg('text', { class: 'category', x: labelWidth - 8, y: y + row / 2 + 4, 'text-anchor': 'end' }, [item.label]),
            svg('rect', { class: item.className ?? 'bar', x: labelWidth, y: y + 5, width: barWidth, height: row - 10, rx: 2 }, [
              svg('title', {}, [`${item.label}: ${format(item.value)}`]),
            ]),
            svg('text', { class: 'total', x: labelWidth + barWidth + 6, y: y + row / 2 + 4 }, [format(item.value)]),
          ]);
        }),
      ]);
    });
  }

  /** A small line of a value over time (a conversation's sentiment pulse, 0–100). */
  function sparkline({ label, points, min, max }) {
    const width = 240;
    const height = 48;
    if (points.length === 0) return null;
    const x = (i) => (points.length === 1 ? width / 2 : 4 + (i * (width - 8)) / (points.length - 1));
    const y = (value) => height - 4 - ((value - min) / (max - min)) * (height - 8);
    const path = points.map((value, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
    return svg(
      'svg',
      { class: 'sparkline', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${label}: ${points.join(', ')}` },
      [
        svg('line', { class: 'mid', x1: 0, x2: width, y1: y((min + max) / 2), y2: y((min + max) / 2) }),
        svg('path', { d: path }),
        ...points.map((value, i) => svg('circle', { cx: x(i), cy: y(value), r: 3 }, [svg('title', {}, [String(value)])])),
      ],
    );
  }

  Object.assign(Demo, { columnChart, barChart, sparkline });
})((window.Demo = window.Demo || {}));
