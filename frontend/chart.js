// The console's charts: Observable Plot, bundled by build.sh into static/micropython-chart.js, which
// defines window.MicroPythonChart. The console page loads it only when a run asks for a chart
// (show(rows, chart="bar", x=..., y=...)); the server has already checked the chart's kind and columns.
import { barY, binX, dot, lineY, plot, rectY, ruleY } from "@observablehq/plot";

// ISO dates and timestamps as SQLite stores them ("2024-05-01", "2024-05-01 12:00:00", "...T...Z").
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// A column's values for Plot: numbers stay numbers, a column of ISO dates becomes Dates (so a line
// chart has a time axis), anything else stays as it is (categories).
function columnValues(values) {
  const present = values.filter((value) => value !== null && value !== "");
  if (present.length && present.every((value) => typeof value === "string" && ISO_DATE.test(value))) {
    return values.map((value) => (value === null || value === "" ? null : new Date(value.replace(" ", "T"))));
  }
  return values;
}

// Draws `spec` ({kind, x, y}) of `table` ({columns, rows}: rows as lists of cells) into `container`.
function draw(container, spec, table, width) {
  const xIndex = table.columns.indexOf(spec.x);
  const yIndex = spec.y === null ? -1 : table.columns.indexOf(spec.y);
  const xs = columnValues(table.rows.map((row) => row[xIndex]));
  const ys = yIndex < 0 ? [] : table.rows.map((row) => row[yIndex]);
  const data = xs.map((x, i) => ({ x, y: ys[i] }));
  const options = { width, height: 360, marginLeft: 60, x: { label: spec.x }, y: { label: spec.y, grid: true } };
  let marks;
  if (spec.kind === "bar") {
    marks = [barY(data, { x: "x", y: "y", fill: "steelblue", tip: true }), ruleY([0])];
    // Bars keep the rows' order (a query's ORDER BY), not the alphabetical order of their labels.
    options.x = { ...options.x, domain: data.map((d) => d.x), tickRotate: data.length > 12 ? -45 : 0 };
    options.marginBottom = data.length > 12 ? 80 : 30;
  } else if (spec.kind === "line") {
    marks = [lineY(data, { x: "x", y: "y", stroke: "steelblue" }), dot(data, { x: "x", y: "y", r: 2, tip: true })];
  } else if (spec.kind === "scatter") {
    marks = [dot(data, { x: "x", y: "y", fill: "steelblue", r: 3, tip: true })];
  } else if (spec.kind === "histogram") {
    marks = [rectY(data, binX({ y: "count" }, { x: "x", fill: "steelblue", tip: true })), ruleY([0])];
    options.y = { label: "count", grid: true };
  } else {
    throw new Error("unknown chart kind: " + spec.kind);
  }
  const figure = plot({ ...options, marks });
  figure.classList.add("micropython-chart-figure");
  container.append(figure);
  return figure;
}

window.MicroPythonChart = { draw };
